// The page's own labels in the learner's language: StreamLab's page sets the `streamlab_lang` cookie, and each
// element with a `data-zh` attribute shows that text on a Chinese page. The lesson's code is not involved.
(() => {
  const lang = (document.cookie.match(/(?:^|;\s*)streamlab_lang=(\w+)/) || [])[1];
  if (lang !== "zh") return;
  document.documentElement.lang = "zh-CN";
  for (const element of document.querySelectorAll("[data-zh]")) element.innerHTML = element.dataset.zh;
})();
