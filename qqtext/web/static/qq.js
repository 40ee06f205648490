// qqtext classroom pages: a countdown on timed papers and the trainer's live refresh. The pages work without it.
(function () {
  "use strict";
  var timer = document.querySelector(".qq-timer");
  if (timer) {
    var left = parseInt(timer.getAttribute("data-seconds"), 10);
    var tick = function () {
      if (left <= 0) { timer.textContent = "时间到，正在交卷……"; window.location.reload(); return; }
      timer.textContent = "剩余 " + Math.floor(left / 60) + " 分 " + (left % 60) + " 秒";
      left -= 1;
      window.setTimeout(tick, 1000);
    };
    tick();
  }
  var live = document.getElementById("live");
  if (live) {
    var url = live.getAttribute("data-url");
    var text = function (value) { return document.createTextNode(value === null || value === undefined ? "—" : String(value)); };
    var fill = function (table, rows) {
      var body = table.querySelector("tbody");
      while (body.firstChild) { body.removeChild(body.firstChild); }
      rows.forEach(function (cells) {
        var tr = document.createElement("tr");
        cells.forEach(function (cell) { var td = document.createElement("td"); td.appendChild(text(cell)); tr.appendChild(td); });
        body.appendChild(tr);
      });
    };
    var refresh = function () {
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
        ["joined", "answering", "finished"].forEach(function (k) {
          var el = live.querySelector('[data-k="' + k + '"]'); if (el) { el.textContent = data[k]; }
        });
        fill(live.querySelector(".qq-learners"), data.learners.map(function (l) {
          return [l.who, l.status, l.answered + " / " + l.total, l.right, l.updated];
        }));
        fill(live.querySelector(".qq-facility"), data.questions.map(function (q) {
          return [q.stem, q.citation, q.answered, q.facility === null ? "—" : Math.round(q.facility * 100) + "%"];
        }));
      }).catch(function () {}).then(function () { window.setTimeout(refresh, 5000); });
    };
    window.setTimeout(refresh, 5000);
  }
})();
