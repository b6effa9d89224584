// Show the wage-complaint fields only when 拖欠工资 is chosen (the server ignores them otherwise).
(function () {
  var cat = document.getElementById("id_category");
  var box = document.getElementById("wage-fields");
  if (!cat || !box) return;
  function sync() { box.hidden = cat.value !== "wage_arrears"; }
  cat.addEventListener("change", sync);
  sync();
})();
