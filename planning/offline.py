"""Make folium maps work on a closed network (망분리): no CDN, no tile server, no web fonts.

A folium map asks the browser for Leaflet, jQuery, Bootstrap, Font Awesome and awesome-markers
from public CDNs. On a separated government network those requests fail and the map is an empty
box. This module swaps every asset URL of a map for a copy served by the app itself, taken from
pip-installed packages (``xstatic-leaflet``; nothing third-party is vendored in the repository):

* :func:`install_static` copies Leaflet's files into the git-ignored ``static/`` folder next to
  ``app.py``; Streamlit serves it at ``/app/static/`` when ``server.enableStaticServing = true``.
* :func:`localize` rewrites a ``folium.Map``'s asset list in place to those local URLs. It is the
  list ``streamlit_folium.st_folium`` reads (``default_js`` / ``default_css`` of each element) to
  load scripts inside its component iframe, and also what ``Map.save`` writes.
* :func:`standalone_html` returns one self-contained HTML page (Leaflet inlined, its images as
  ``data:`` URIs) for downloads and the printable summary.

The folium features our maps use (vector layers, GeoJSON, popups, tooltips, ``DivIcon``, layer
control) need Leaflet alone. jQuery, Bootstrap, Font Awesome and awesome-markers are only used by
``folium.Icon`` and a few plugins, so they are dropped; :func:`localize` raises
:class:`OfflineAssetError` for any element that would still need a CDN (``folium.Icon``,
``branca`` colormaps: st_folium adds two d3.js CDN links for those, plugins with their own JS).

Tile server: none by default. Offices with an internal tile server set ``PLANNING_TILE_URL`` and
``PLANNING_TILE_ATTRIBUTION`` (or ``[map] tile_url`` / ``tile_attribution`` in ``planning.toml``
at the project root, or the file named by ``PLANNING_CONFIG``); see :func:`tile_settings`.
"""

from __future__ import annotations

import base64
import filecmp
import mimetypes
import os
import re
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import branca.colormap
import branca.element
import folium
import xstatic.pkg.leaflet as xs_leaflet

from planning.errors import DataError
from planning.settings import PROJECT_ROOT, config_section

__all__ = [
    "KOREAN_FONT_STACK",
    "LEAFLET_VERSION",
    "STATIC_DIR",
    "OfflineAssetError",
    "TileSettings",
    "asset_urls",
    "install_static",
    "localize",
    "publish_static",
    "standalone_html",
    "tile_settings",
]

#: CSS font stack for Korean text that needs no web font: the Noto CJK fonts Debian installs
#: (``fonts-noto-cjk``), then the fonts bundled with Windows and macOS.
KOREAN_FONT_STACK = (
    "'Noto Sans CJK KR', 'Noto Sans KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"
)

LEAFLET_VERSION: str = xs_leaflet.VERSION  # "1.9.3", the version folium 0.20 pins
LEAFLET_DIR = Path(xs_leaflet.BASE_DIR)

#: Folder Streamlit serves at ``/app/static/`` (next to ``app.py``; git-ignored, filled at start-up).
STATIC_DIR = PROJECT_ROOT / "static"
#: Sub-folder of the static folder for the Leaflet files.
LEAFLET_SUBDIR = f"vendor/leaflet-{LEAFLET_VERSION}"
#: URL path at which Streamlit serves ``STATIC_DIR`` (``server.enableStaticServing``).
STREAMLIT_STATIC_PATH = "/app/static"

# folium asset name -> file in the xstatic-leaflet package (and in LEAFLET_SUBDIR).
_LOCAL_JS = {"leaflet": "leaflet.js"}
_LOCAL_CSS = {"leaflet_css": "leaflet.css"}
# folium.Map's default assets that only folium.Icon (awesome-markers) and Bootstrap-styled
# plugins use. Our maps use neither, so these are dropped instead of served.
_UNUSED_MAP_ASSETS = frozenset(
    {
        "jquery",
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)

_TILE_PLACEHOLDERS = ("{z}", "{x}", "{y}")


class OfflineAssetError(RuntimeError):
    """A map element needs a script or stylesheet that has no local copy (a programming error)."""


# --------------------------------------------------------------------------- static serving


def _leaflet_files() -> list[Path]:
    files = [LEAFLET_DIR / name for name in (*_LOCAL_JS.values(), *_LOCAL_CSS.values())]
    files += sorted((LEAFLET_DIR / "images").glob("*.png"))
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise OfflineAssetError(f"xstatic-leaflet is incomplete, missing: {missing}")
    return files


def install_static(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet's script, stylesheet and images from ``xstatic-leaflet`` into ``static_dir``.

    Idempotent and cheap (files are copied only when they differ). Files are copied, not
    symlinked: Streamlit refuses static files whose real path leaves the static folder.
    Returns the folder that holds ``leaflet.js``.
    """
    target = static_dir / LEAFLET_SUBDIR
    for src in _leaflet_files():
        rel = src.relative_to(LEAFLET_DIR)
        dst = target / rel
        if dst.is_file() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    return target


def asset_urls(base_url_path: str = "") -> dict[str, str]:
    """Local URL of each asset, keyed by folium's asset name.

    ``base_url_path`` is Streamlit's ``server.baseUrlPath`` (empty by default). URLs are
    absolute paths on the app's own origin, so they resolve the same way from the page, from
    the st_folium component iframe (``/component/streamlit_folium.st_folium/index.html``) and
    from ``srcdoc`` iframes.
    """
    prefix = "/" + "/".join(
        p for p in (base_url_path.strip("/"), STREAMLIT_STATIC_PATH.strip("/"), LEAFLET_SUBDIR) if p
    )
    return {name: f"{prefix}/{file}" for name, file in {**_LOCAL_JS, **_LOCAL_CSS}.items()}


#: Sub-folder of the static folder for data files the app publishes (map geometry).
DATA_SUBDIR = "data"
#: Versions of one published file kept (the newest first); older ones are deleted.
KEEP_VERSIONS = 3


def publish_static(
    name: str,
    text: str,
    *,
    suffix: str = ".json",
    static_dir: Path = STATIC_DIR,
    base_url_path: str = "",
) -> str:
    """Write ``text`` once into the static folder and return the URL Streamlit serves it at.

    The file name carries a hash of the content (``<name>-<sha1[:16]><suffix>``), so a URL
    never serves stale content and writing is skipped when the file exists. Written through a
    temporary file and renamed, so concurrent sessions never see half a file.
    """
    import hashlib

    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        raise ValueError(f"static file name {name!r}: use letters, digits, '_', '.', '-'")
    data = text.encode("utf-8")
    file = f"{name}-{hashlib.sha1(data).hexdigest()[:16]}{suffix}"
    target = static_dir / DATA_SUBDIR / file
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{file}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        # older versions (earlier data or code) stay for pages still open, up to KEEP_VERSIONS
        older = sorted(
            (p for p in target.parent.glob(f"{name}-*{suffix}") if p != target),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for stale in older[KEEP_VERSIONS - 1 :]:
            stale.unlink(missing_ok=True)
    prefix = "/".join(
        p for p in (base_url_path.strip("/"), STREAMLIT_STATIC_PATH.strip("/"), DATA_SUBDIR) if p
    )
    return f"/{prefix}/{file}"


# --------------------------------------------------------------------------- localize a map


def _walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return not parsed.scheme and not parsed.netloc and not url.startswith("//")


def localize(m: folium.Map, *, base_url_path: str = "") -> folium.Map:
    """Point every script and stylesheet of ``m`` (and its children) at the app's own copies.

    Mutates and returns ``m``. Call it after all layers are added. Raises
    :class:`OfflineAssetError` naming the element when something would still load from the
    internet (``folium.Icon``, a branca colormap, a plugin with its own CDN script).
    """
    local = asset_urls(base_url_path)
    for element in _walk(m):
        kind = type(element).__name__
        if isinstance(element, folium.Icon):
            raise OfflineAssetError(
                "folium.Icon needs awesome-markers, Bootstrap and Font Awesome from CDNs; "
                "use a folium.DivIcon or a CircleMarker instead."
            )
        if isinstance(element, branca.colormap.ColorMap):
            raise OfflineAssetError(
                "branca colormaps make st_folium load d3.js from two CDNs; "
                "draw the legend as HTML instead (see planning.maps)."
            )
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if not links:
                continue
            kept: list[tuple[str, str]] = []
            for name, url in links:
                if name in local:
                    kept.append((name, local[name]))
                elif _is_local(url):
                    kept.append((name, url))
                elif isinstance(element, folium.Map) and name in _UNUSED_MAP_ASSETS:
                    continue
                else:
                    raise OfflineAssetError(
                        f"{kind} needs {url} ({name}), which has no local copy; "
                        "remove the element or serve that file from a pip package."
                    )
            # Assign a new list on the instance: folium's add_js_link mutates the class list.
            setattr(element, attr, kept)
    return m


# --------------------------------------------------------------------------- standalone HTML


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css(css: str, folder: Path) -> str:
    def repl(match: re.Match[str]) -> str:
        ref = match.group(2)
        target = folder / ref
        if ref.startswith("data:") or not target.is_file():
            return match.group(0)
        return f"url({_data_uri(target)})"

    return re.sub(r"url\((['\"]?)([^'\")]+)\1\)", repl, css)


def standalone_html(m: folium.Map) -> str:
    """One self-contained HTML page of ``m``: Leaflet inlined, its images as ``data:`` URIs.

    For downloads and the printable summary: opens from disk on a PC with no network.
    ``m`` is localized first (so the same checks apply).
    """
    localize(m)
    html = m.get_root().render()
    local = asset_urls()
    js = (LEAFLET_DIR / _LOCAL_JS["leaflet"]).read_text(encoding="utf-8")
    css = _inline_css(
        (LEAFLET_DIR / _LOCAL_CSS["leaflet_css"]).read_text(encoding="utf-8"), LEAFLET_DIR
    )
    js_tag = re.compile(r'<script src="' + re.escape(local["leaflet"]) + r'"></script>')
    css_tag = re.compile(
        r'<link rel="stylesheet" href="' + re.escape(local["leaflet_css"]) + r'"/>'
    )
    if not js_tag.search(html) or not css_tag.search(html):
        raise OfflineAssetError("folium's HTML changed: Leaflet's <script>/<link> tags not found.")
    # The lambdas keep backslashes in the inlined code literal.
    js = js.replace("</script", "<\\/script")
    html = js_tag.sub(lambda _: f"<script>{js}</script>", html, 1)
    html = css_tag.sub(lambda _: f"<style>{css}</style>", html, 1)
    return html


# --------------------------------------------------------------------------- tile settings


@dataclass(frozen=True)
class TileSettings:
    """An internal tile server: Leaflet URL template and the attribution it requires."""

    url: str
    attribution: str

    def __post_init__(self) -> None:
        parsed = urlparse(self.url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise DataError.of("offline.tile_url_scheme", url=repr(self.url))
        missing = [p for p in _TILE_PLACEHOLDERS if p not in self.url]
        if missing:
            raise DataError.of(
                "offline.tile_url_placeholders", url=repr(self.url), missing=", ".join(missing)
            )
        if not self.attribution.strip():
            raise DataError.of("offline.tile_attribution")


def tile_settings(
    env: Mapping[str, str] | None = None, config_file: Path | None = None
) -> TileSettings | None:
    """The configured tile server, or ``None`` for the default vector-only basemap.

    Environment variables ``PLANNING_TILE_URL`` / ``PLANNING_TILE_ATTRIBUTION`` win over the
    ``[map]`` table (``tile_url``, ``tile_attribution``) of ``planning.toml`` at the project root
    (or the file named by ``PLANNING_CONFIG``). Raises :class:`DataError` for a malformed URL,
    a URL without attribution, or an unreadable config file.
    """
    env = os.environ if env is None else env
    section = config_section("map", "offline.config_toml", env, config_file)
    url = env.get("PLANNING_TILE_URL") or str(section.get("tile_url", "") or "")
    attribution = env.get("PLANNING_TILE_ATTRIBUTION") or str(
        section.get("tile_attribution", "") or ""
    )
    if not url.strip():
        return None
    return TileSettings(url=url.strip(), attribution=attribution.strip())
