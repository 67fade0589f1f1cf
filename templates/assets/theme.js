// Applies a remembered light/dark choice before the page paints (loaded without defer from <head>); site.js owns the toggle.
try { var t = localStorage.getItem("theme"); if (t === "dark" || t === "light") document.documentElement.dataset.theme = t; } catch (e) {}
