"""The evaluation report as PDF: the HTML report rendered by WeasyPrint as a tagged PDF/UA-1
document (structure tree, language, title: readable by screen readers), with every URL fetch
refused but inline `data:` ones, so rendering never touches the network."""

from __future__ import annotations

import weasyprint
from weasyprint.urls import URLFetcher


def html_to_pdf(html: str) -> bytes:
    """Render self-contained HTML to PDF without any network access."""
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf
