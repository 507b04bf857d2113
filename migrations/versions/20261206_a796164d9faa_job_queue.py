"""Batches on a job queue: procrastinate's schema (PostgreSQL only), the input stored per chunk
with the batch's catalog beside it, outcomes per chunk, the result file in parts, and the
batch's chunk counts and webhook.

Existing batches are carried over: their input is split into chunks, a finished batch keeps
its outcomes (regrouped by chunk) and its file (as one part), and an unfinished one starts
again from its first chunk (queued; on PostgreSQL the workers' recovery defers its jobs).

Revision ID: a796164d9faa
Revises: a86099cf70a8
Create Date: 2026-12-06 10:12:00.000000
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import vendors.sqlbase

revision: str = "a796164d9faa"
down_revision: str | None = "a86099cf70a8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# procrastinate's schema as version 3.10.0 ships it, kept here so that this revision always
# builds the same schema; a later procrastinate release adds a revision applying its own
# migration files (procrastinate/sql/migrations).
PROCRASTINATE_SCHEMA = Path(__file__).resolve().parent.parent / "sql" / "procrastinate-3.10.0.sql"
CHUNK_SIZE = 1000  # clients per chunk for the batches carried over
OLD_CHUNK_SIZE = 100  # clients per chunk before this revision

_batch = sa.table(
    "batch",
    sa.column("id", sa.Uuid()),
    sa.column("status", sa.String()),
    sa.column("chunks", sa.Integer()),
    sa.column("chunks_done", sa.Integer()),
    sa.column("processed", sa.Integer()),
    sa.column("ranked", sa.Integer()),
    sa.column("without_candidate", sa.Integer()),
    sa.column("failed_rows", sa.Integer()),
    sa.column("attempts", sa.Integer()),
    sa.column("runner", sa.String()),
)
_old_input = sa.table(
    "batch_input", sa.column("batch_id", sa.Uuid()), sa.column("rows", sa.JSON()),
    sa.column("catalog", sa.JSON()),
)  # fmt: skip
_old_chunk = sa.table(
    "batch_chunk", sa.column("id", sa.Uuid()), sa.column("batch_id", sa.Uuid()),
    sa.column("position", sa.Integer()), sa.column("outcomes", sa.JSON()),
    sa.column("errors", sa.JSON()),
)  # fmt: skip
_catalog = sa.table(
    "batch_catalog", sa.column("batch_id", sa.Uuid()), sa.column("catalog", sa.JSON())
)
_input_chunk = sa.table(
    "batch_input_chunk", sa.column("batch_id", sa.Uuid()), sa.column("chunk_no", sa.Integer()),
    sa.column("rows", sa.JSON()),
)  # fmt: skip
_output_chunk = sa.table(
    "batch_output_chunk", sa.column("batch_id", sa.Uuid()), sa.column("chunk_no", sa.Integer()),
    sa.column("outcomes", sa.JSON()), sa.column("errors", sa.JSON()),
    sa.column("evaluated_by", sa.String()),
)  # fmt: skip
_result = sa.table(
    "batch_result", sa.column("batch_id", sa.Uuid()), sa.column("run", sa.Uuid()),
    sa.column("size", sa.Integer()), sa.column("parts", sa.Integer()),
    sa.column("content", sa.LargeBinary()),
)  # fmt: skip
_part = sa.table(
    "batch_result_part", sa.column("batch_id", sa.Uuid()), sa.column("run", sa.Uuid()),
    sa.column("part_no", sa.Integer()), sa.column("content", sa.LargeBinary()),
)  # fmt: skip


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # The driver's own execute: no parameters, so the schema's `%` stay as written and
        # its statements run as one script.
        driver = bind.connection.driver_connection
        assert driver is not None
        driver.execute(PROCRASTINATE_SCHEMA.read_text("utf-8"))
    _create_tables()
    with op.batch_alter_table("batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chunks", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("chunks_done", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.drop_column("heartbeat_at")
        batch_op.add_column(
            sa.Column("webhook_url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True)
        )
    with op.batch_alter_table("batch_result", schema=None) as batch_op:
        batch_op.add_column(sa.Column("run", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("size", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("parts", sa.Integer(), nullable=True))
    _carry_batches_over(bind)
    with op.batch_alter_table("batch", schema=None) as batch_op:
        batch_op.alter_column("chunks", server_default=None)
        batch_op.alter_column("chunks_done", server_default=None)
    with op.batch_alter_table("batch_result", schema=None) as batch_op:
        batch_op.drop_column("content")
        batch_op.alter_column("run", nullable=False)
        batch_op.alter_column("size", nullable=False)
        batch_op.alter_column("parts", nullable=False)
    op.drop_table("batch_input")
    with op.batch_alter_table("batch_chunk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batch_chunk_batch_id"))
    op.drop_table("batch_chunk")


def _create_tables() -> None:
    def batch_key() -> list[Any]:
        return [sa.Column("batch_id", sa.Uuid(), nullable=False)]

    def batch_fk(table: str) -> sa.ForeignKeyConstraint:
        return sa.ForeignKeyConstraint(
            ["batch_id"], ["batch.id"], name=op.f(f"fk_{table}_batch_id_batch"), ondelete="CASCADE"
        )

    op.create_table(
        "batch_catalog",
        *batch_key(),
        sa.Column("catalog", sa.JSON(), nullable=False),
        batch_fk("batch_catalog"),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_batch_catalog")),
    )
    op.create_table(
        "batch_input_chunk",
        *batch_key(),
        sa.Column("chunk_no", sa.Integer(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        batch_fk("batch_input_chunk"),
        sa.PrimaryKeyConstraint("batch_id", "chunk_no", name=op.f("pk_batch_input_chunk")),
    )
    op.create_table(
        "batch_output_chunk",
        *batch_key(),
        sa.Column("chunk_no", sa.Integer(), nullable=False),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.Column("evaluated_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        batch_fk("batch_output_chunk"),
        sa.PrimaryKeyConstraint("batch_id", "chunk_no", name=op.f("pk_batch_output_chunk")),
    )
    op.create_table(
        "batch_result_part",
        *batch_key(),
        sa.Column("run", sa.Uuid(), nullable=False),
        sa.Column("part_no", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        batch_fk("batch_result_part"),
        sa.PrimaryKeyConstraint("batch_id", "run", "part_no", name=op.f("pk_batch_result_part")),
    )


def _carry_batches_over(bind: sa.Connection) -> None:
    """Split each batch's input into chunks; keep a finished batch's outcomes and file; send
    an unfinished one back to its start."""
    import uuid

    statuses = dict(bind.execute(sa.select(_batch.c.id, _batch.c.status)).all())
    for batch_id, rows, catalog in bind.execute(sa.select(_old_input)).all():
        bind.execute(sa.insert(_catalog).values(batch_id=batch_id, catalog=catalog))
        chunks = [rows[start : start + CHUNK_SIZE] for start in range(0, len(rows), CHUNK_SIZE)]
        for chunk_no, chunk in enumerate(chunks):
            bind.execute(
                sa.insert(_input_chunk).values(batch_id=batch_id, chunk_no=chunk_no, rows=chunk)
            )
        finished = statuses.get(batch_id) == "done"
        if finished:
            _regroup_outcomes(bind, batch_id)
        values: dict[str, Any] = {"chunks": len(chunks)}
        values["chunks_done"] = len(chunks) if finished else 0
        if statuses.get(batch_id) in {"queued", "running"}:
            values.update(
                status="queued", processed=0, ranked=0, without_candidate=0, failed_rows=0,
                attempts=0, runner=None,
            )  # fmt: skip
        bind.execute(sa.update(_batch).where(_batch.c.id == batch_id).values(**values))
    for batch_id, content in bind.execute(sa.select(_result.c.batch_id, _result.c.content)).all():
        run = uuid.uuid4()
        bind.execute(
            sa.insert(_part).values(batch_id=batch_id, run=run, part_no=0, content=content)
        )
        bind.execute(
            sa.update(_result)
            .where(_result.c.batch_id == batch_id)
            .values(run=run, size=len(content), parts=1)
        )


def _regroup_outcomes(bind: sa.Connection, batch_id: Any) -> None:
    grouped: dict[int, tuple[list[Any], list[Any]]] = {}
    old = bind.execute(
        sa.select(_old_chunk.c.position, _old_chunk.c.outcomes, _old_chunk.c.errors)
        .where(_old_chunk.c.batch_id == batch_id)
        .order_by(_old_chunk.c.position)
    ).all()
    for position, outcomes, errors in old:
        outcomes_of, errors_of = grouped.setdefault(
            position * OLD_CHUNK_SIZE // CHUNK_SIZE, ([], [])
        )
        outcomes_of.extend(outcomes)
        errors_of.extend(errors)
    for chunk_no, (outcomes, errors) in grouped.items():
        bind.execute(
            sa.insert(_output_chunk).values(
                batch_id=batch_id,
                chunk_no=chunk_no,
                outcomes=outcomes,
                errors=errors,
                evaluated_by="",
            )  # fmt: skip
        )


def downgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "batch_chunk",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batch.id"], name=op.f("fk_batch_chunk_batch_id_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch_chunk")),
        sa.UniqueConstraint("batch_id", "position", name=op.f("uq_batch_chunk_batch_id_position")),
    )  # fmt: skip
    with op.batch_alter_table("batch_chunk", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batch_chunk_batch_id"), ["batch_id"], unique=False)
    op.create_table(
        "batch_input",
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("catalog", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batch.id"], name=op.f("fk_batch_input_batch_id_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_batch_input")),
    )  # fmt: skip
    with op.batch_alter_table("batch_result", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("batch", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("heartbeat_at", vendors.sqlbase.UTCDateTime(timezone=True), nullable=True)
        )
    _carry_batches_back(bind)
    with op.batch_alter_table("batch_result", schema=None) as batch_op:
        batch_op.alter_column("content", nullable=False)
        batch_op.drop_column("parts")
        batch_op.drop_column("size")
        batch_op.drop_column("run")
    with op.batch_alter_table("batch", schema=None) as batch_op:
        batch_op.drop_column("webhook_url")
        batch_op.drop_column("chunks_done")
        batch_op.drop_column("chunks")
    op.drop_table("batch_result_part")
    op.drop_table("batch_output_chunk")
    op.drop_table("batch_input_chunk")
    op.drop_table("batch_catalog")
    if bind.dialect.name == "postgresql":
        _drop_procrastinate(bind)


def _carry_batches_back(bind: sa.Connection) -> None:
    """The earlier layout: one input row, outcomes per chunk, the file whole. A cancelled
    batch, unknown before, becomes failed."""
    import uuid

    for batch_id, catalog in bind.execute(sa.select(_catalog)).all():
        rows = [
            row
            for (chunk_rows,) in bind.execute(
                sa.select(_input_chunk.c.rows)
                .where(_input_chunk.c.batch_id == batch_id)
                .order_by(_input_chunk.c.chunk_no)
            ).all()
            for row in chunk_rows
        ]
        bind.execute(sa.insert(_old_input).values(batch_id=batch_id, rows=rows, catalog=catalog))
    outputs = sa.select(
        _output_chunk.c.batch_id, _output_chunk.c.chunk_no, _output_chunk.c.outcomes,
        _output_chunk.c.errors,
    )  # fmt: skip
    for batch_id, chunk_no, outcomes, errors in bind.execute(outputs).all():
        bind.execute(
            sa.insert(_old_chunk).values(
                id=uuid.uuid4(), batch_id=batch_id, position=chunk_no, outcomes=outcomes,
                errors=errors,
            )
        )  # fmt: skip
    for batch_id, run in bind.execute(sa.select(_result.c.batch_id, _result.c.run)).all():
        parts = bind.execute(
            sa.select(_part.c.content)
            .where(_part.c.batch_id == batch_id, _part.c.run == run)
            .order_by(_part.c.part_no)
        ).scalars()
        content = b"".join(parts)
        bind.execute(
            sa.update(_result).where(_result.c.batch_id == batch_id).values(content=content)
        )
    bind.execute(sa.update(_batch).where(_batch.c.status == "cancelled").values(status="failed"))


def _drop_procrastinate(bind: sa.Connection) -> None:
    """Drop every object procrastinate's schema made in this schema."""
    op.execute(
        "DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers, "
        "procrastinate_jobs, procrastinate_workers CASCADE"
    )
    functions = bind.execute(
        sa.text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate\\_%'"
        )
    ).scalars()
    for signature in list(functions):
        op.execute(f"DROP FUNCTION IF EXISTS {signature} CASCADE")
    op.execute(
        "DROP TYPE IF EXISTS procrastinate_job_to_defer_v1, procrastinate_job_event_type, "
        "procrastinate_job_status CASCADE"
    )
