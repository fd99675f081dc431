// Progressive enhancements of the theme: everything here is optional. Without
// JavaScript the buttons stay hidden and the page reads and prints as usual.
import { enableShareButtons } from "./share.js";
import { enableLightbox } from "./lightbox.js";
import { enableSearch } from "./search/box.js";

enableShareButtons(document);
enableLightbox(document);
enableSearch(document);
