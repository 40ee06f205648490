// 自查: the answers stay in this page. Nothing is sent anywhere: no fetch, no form, no storage.
(function () {
  "use strict";
  var button = document.getElementById("zicha-done");
  var out = document.getElementById("zicha-result");
  if (!button || !out) { return; }
  button.addEventListener("click", function () {
    var items = document.querySelectorAll(".qq-check-item");
    var flagged = [], unsure = [], unanswered = 0, reread = [], verify = [];
    items.forEach(function (item) {
      var chosen = item.querySelector("input:checked");
      var articles = (item.getAttribute("data-articles") || "").split("、").filter(Boolean);
      if (!chosen) { unanswered += 1; return; }
      if (chosen.value === item.getAttribute("data-flag")) {
        flagged.push(item);
        articles.forEach(function (a) { if (reread.indexOf(a) < 0) { reread.push(a); } });
      } else if (chosen.value === "不确定") {
        unsure.push(item);
        articles.forEach(function (a) { if (reread.indexOf(a) < 0 && verify.indexOf(a) < 0) { verify.push(a); } });
      }
    });
    while (out.firstChild) { out.removeChild(out.firstChild); }
    var line = function (tag, value, css) {
      var el = document.createElement(tag); el.textContent = value; if (css) { el.className = css; } out.appendChild(el); return el;
    };
    line("h2", "自查结果");
    if (flagged.length === 0) {
      line("p", "所答各项均未发现需要注意的情况。", "qq-correct qq-zicha-summary");
    } else {
      line("p", "有 " + flagged.length + " 项需要注意，请重读：" + reread.join("、") + "。", "qq-wrong qq-zicha-summary");
      var list = document.createElement("ul");
      flagged.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = item.querySelector("legend").textContent + " —— " + (item.getAttribute("data-advice") || "");
        list.appendChild(li);
      });
      out.appendChild(list);
    }
    if (verify.length) { line("p", "回答“不确定”的项目，建议核对：" + verify.join("、") + "。"); }
    if (unanswered) { line("p", "还有 " + unanswered + " 项未回答。", "qq-message"); }
    line("p", "以上结果只显示在本页，没有发送到任何地方。", "qq-note");
    out.hidden = false;
    out.scrollIntoView({ behavior: "smooth" });
  });
})();
