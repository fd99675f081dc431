"""What editors write in Markdown, and the figures and strips it becomes."""

from pathlib import Path

import pytest
from markdown import Markdown
from PIL import Image


def render(source: str, content_path: str = "") -> str:
    md = Markdown(
        extensions=["markdown_figures.extension"],
        extension_configs={"markdown_figures.extension": {"content_path": content_path}},
        output_format="html5",
    )
    # Markdown puts line breaks between block elements; they carry no meaning.
    return md.convert(source).replace("\n", "")


def test_image_with_italic_caption_line_is_a_figure():
    html = render("![Toàn cảnh](a.jpg)\n*Toàn cảnh hội nghị*")
    assert html == (
        '<figure><img alt="Toàn cảnh" decoding="async" src="a.jpg">'
        "<figcaption>Toàn cảnh hội nghị</figcaption></figure>"
    )


def test_caption_keeps_its_links():
    html = render("![Ảnh](a.jpg)\n*Ảnh: [Báo Hà Nội](https://example.vn)*")
    assert '<figcaption>Ảnh: <a href="https://example.vn">Báo Hà Nội</a></figcaption>' in html


def test_image_alone_is_a_figure_without_caption():
    assert render("![Ảnh](a.jpg)") == (
        '<figure><img alt="Ảnh" decoding="async" src="a.jpg"></figure>'
    )


def test_title_is_the_other_caption_syntax():
    html = render('![Ảnh](a.jpg "Chú thích ảnh")')
    assert "<figcaption>Chú thích ảnh</figcaption>" in html
    assert "title=" not in html


def test_linked_image_keeps_its_link_inside_the_figure():
    html = render("[![Ảnh](a.jpg)](b.jpg)\n*Chú thích*")
    assert html.startswith('<figure><a href="b.jpg"><img')
    assert html.endswith("<figcaption>Chú thích</figcaption></figure>")


def test_images_on_consecutive_lines_are_a_strip_of_linked_photos():
    html = render("![Một](1.jpg)\n![Hai](2.jpg)\n![Ba](3.jpg)")
    assert html.startswith('<ul class="photo-strip">')
    assert html.count("<li>") == 3
    assert '<li><a href="2.jpg"><img alt="Hai"' in html
    # Only the first photo of a page loads at once; the others wait.
    assert html.count('loading="lazy"') == 2


def test_strip_with_a_caption_is_a_captioned_figure():
    html = render("![Một](1.jpg)\n![Hai](2.jpg)\n*Ký kết giao ước thi đua*")
    assert html.startswith('<figure><ul class="photo-strip">')
    assert html.endswith("<figcaption>Ký kết giao ước thi đua</figcaption></figure>")


@pytest.mark.parametrize(
    "source",
    [
        "Trước ảnh ![Ảnh](a.jpg)",
        "![Ảnh](a.jpg) sau ảnh",
        "*Chỉ chữ nghiêng*",
        "![Ảnh](a.jpg)\n*Chú thích* và chữ thường",
    ],
)
def test_images_inside_text_stay_inline(source):
    html = render(source)
    assert html.startswith("<p>")
    assert "<figure>" not in html


def test_figures_get_the_displayed_size_of_content_images(tmp_path: Path):
    (tmp_path / "images").mkdir()
    Image.new("RGB", (320, 200)).save(tmp_path / "images" / "ngang.jpg")
    portrait = Image.new("RGB", (300, 200))
    exif = portrait.getexif()
    exif[0x0112] = 6  # shown turned a quarter: 200 wide, 300 high
    portrait.save(tmp_path / "images" / "doc.jpg", exif=exif)
    html = render(
        "![Ngang]({static}/images/ngang.jpg)\n\n![Dọc]({static}/images/doc.jpg)",
        str(tmp_path),
    )
    assert 'height="200" src="{static}/images/ngang.jpg" width="320"' in html
    assert 'height="300" loading="lazy" src="{static}/images/doc.jpg" width="200"' in html


def test_missing_or_corrupt_image_still_renders_without_size(tmp_path: Path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "hong.jpg").write_bytes(b"not a jpeg")
    html = render(
        "![Hỏng]({static}/images/hong.jpg)\n\n![Thiếu]({static}/images/thieu.jpg)",
        str(tmp_path),
    )
    assert html.count("<figure>") == 2
    assert "width=" not in html


def test_with_the_image_pipeline_content_photos_become_pictures(tmp_path: Path):
    from image_pipeline.image import Recipe
    from image_pipeline.pipeline import find_sources, process

    (tmp_path / "images").mkdir()
    Image.new("RGB", (320, 200)).save(tmp_path / "images" / "ngang.jpg")
    (tmp_path / "images" / "hong.jpg").write_bytes(b"not a jpeg")
    recipe = Recipe(widths=(160, 320), thumbnail=80, formats=("jpeg", "webp"))
    catalog = process(
        find_sources(tmp_path, {"images": "images"}), recipe, tmp_path / "cache", tmp_path
    )
    md = Markdown(
        extensions=["markdown_figures.extension"],
        extension_configs={
            "markdown_figures.extension": {
                "content_path": str(tmp_path),
                "catalog": catalog,
                "folders": ["images"],
                "siteurl": "https://phuongbuoi.example",
                "sizes": "100vw",
                "lead_width": 160,
            }
        },
        output_format="html5",
    )
    html = md.convert(
        "![Một](1.jpg)\n![Ngang]({static}/images/ngang.jpg)\n\n"
        "![Hỏng]({static}/images/hong.jpg)\n*Chú thích*\n\n![Thiếu]({static}/images/thieu.jpg)"
    ).replace("\n", "")
    base = "https://phuongbuoi.example/images/ngang"
    # In a strip, the photo links to its largest rendition, and shows a <picture>.
    assert f'<a href="{base}-320.jpg"><picture><source sizes="100vw" srcset="' in html
    assert f"{base}-80.webp 80w, {base}-160.webp 160w, {base}-320.webp 320w" in html
    assert f'src="{base}-160.jpg"' in html and 'width="160"' in html and 'height="100"' in html
    assert html.count('loading="lazy"') == 1  # the second photo only; <img> 1.jpg is not ours
    # A refused or missing photo: its description instead of a broken image.
    assert '<figure><span class="image-missing">Hỏng</span><figcaption>Chú thích' in html
    assert '<span class="image-missing" data-image-missing="images/thieu.jpg">Thiếu</span>' in html
    assert "hong.jpg" not in html
