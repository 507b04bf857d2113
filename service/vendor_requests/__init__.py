"""Vendor questionnaires: the unknown facts that matter for a project, asked of a vendor by
link, answered without an account, reviewed by the consultant into the firm's private facts."""
