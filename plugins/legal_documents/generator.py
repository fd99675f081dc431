"""Read the documents, check their fields, and write their pages and lists."""

import logging
from pathlib import Path

from pelican.generators import Generator

from vietnamese.text import slugify

from .documents import Document, facets, newest_first, related, year_of
from .fields import check_fields, file_label, parse_day
from .settings import legal_documents_settings

logger = logging.getLogger(__name__)

FACETS = (("loai", "type"), ("co-quan", "issuer"), ("nam", None))


class LegalDocumentsGenerator(Generator):
    """Runs after the articles (Pelican orders plugin generators last), so its
    pages share the site's context: menus, categories, feeds."""

    def generate_context(self) -> None:
        self.options = legal_documents_settings(self.settings)
        Document.base_url = self.options["URL"]
        folder = self.options["PATH"]
        files_dir = Path(self.path) / folder / self.options["FILES_DIR"]
        self.documents = []
        for relative in sorted(self.get_files([folder], extensions=("md",))):
            document = self._read(relative, files_dir)
            if document is not None:
                self.add_source_path(document)  # {filename} links from articles resolve
                self.documents.append(document)
        self.documents = newest_first(self.documents)
        self.facets = {
            kind: facets(
                self.documents, kind, (lambda d, a=attr: getattr(d, a)) if attr else year_of
            )
            for kind, attr in FACETS
        }
        for document in self.documents:
            document.related_documents = related(
                document, self.documents, self.options["RELATED_COUNT"]
            )
        self.context["legal_documents"] = self.documents
        self.context["legal_document_facets"] = self.facets
        self.context["LEGAL_DOCUMENTS_URL"] = self.options["URL"]

    def _read(self, relative: str, files_dir: Path) -> Document | None:
        try:
            document = self.readers.read_file(
                base_path=self.path, path=relative, content_class=Document, context=self.context
            )
        except Exception as error:  # reported to the editor; the build goes on
            logger.error("%s: không đọc được văn bản: %s", relative, error)
            return None
        meta = {k: str(v) for k, v in document.metadata.items()}
        problems = check_fields(meta, self.options["TYPES"], files_dir)
        for problem in problems:
            logger.warning("%s: %s", relative, problem.message)
        if any(
            p.field in ("title", "number", "issued", "file", "type", "issuer") for p in problems
        ):
            logger.warning(
                "%s: văn bản chưa được đăng cho đến khi sửa xong (not published).", relative
            )
            return None
        if "slug" not in document.metadata:
            # Clerks and residents name a document by its code number.
            document.slug = slugify(meta["number"])
        document.issued_on = parse_day(meta["issued"])
        effective = parse_day(meta.get("effective", ""))
        document.effective_on = effective
        attachment = files_dir / meta["file"]
        document.file_url = f"{self.options['PATH']}/{self.options['FILES_DIR']}/{meta['file']}"
        document.file_label = file_label(attachment)
        return document

    def generate_output(self, writer) -> None:
        if not self.documents:
            return
        base = self.options["URL"]
        write = writer.write_file
        relative_urls = self.settings["RELATIVE_URLS"]
        for document in self.documents:
            write(
                document.save_as,
                self.get_template("document"),
                self.context,
                relative_urls,
                document=document,
                url=document.url,
            )
        listing = self.get_template("documents")
        write(
            f"{base}index.html",
            listing,
            self.context,
            relative_urls,
            documents=self.documents,
            facet=None,
            url=base,
        )
        for groups in self.facets.values():
            for group in groups:
                url = group.url(base)
                write(
                    f"{url}index.html",
                    listing,
                    self.context,
                    relative_urls,
                    documents=group.documents,
                    facet=group,
                    url=url,
                )
