// "Try it" on the API reference page: sends the call from this page (same
// origin, so the strict Content Security Policy allows it) with the token
// typed at the top, and shows the answer. The token is never stored.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form.try");
  if (!form) return;
  event.preventDefault();
  const output = form.querySelector("output");
  const token = document.getElementById("token").value.trim();
  let path = form.dataset.path;
  const pk = form.elements.pk;
  if (pk) path = path.replace(/\{[^}]+\}/, encodeURIComponent(pk.value.trim()));
  const options = { method: form.dataset.method, headers: {} };
  if (token) options.headers.Authorization = "Bearer " + token;
  const body = form.elements.body;
  if (body) {
    options.headers["Content-Type"] = "application/json";
    options.body = body.value;
  }
  output.textContent = "Sending…";
  try {
    const response = await fetch(path, options);
    const text = await response.text();
    let shown = text;
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
    output.textContent = response.status + " " + response.statusText + "\n" + shown;
  } catch (error) {
    output.textContent = "The call failed: " + error;
  }
});
