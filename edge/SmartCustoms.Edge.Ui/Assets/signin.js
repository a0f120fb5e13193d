"use strict";
(() => {
  const name = document.getElementById("name");
  const pin = document.getElementById("pin");
  const chosen = document.getElementById("chosen");
  const message = document.getElementById("message");
  document.querySelectorAll(".user-tile").forEach(tile => tile.addEventListener("click", () => {
    document.querySelectorAll(".user-tile").forEach(t => t.classList.remove("selected"));
    tile.classList.add("selected");
    name.value = tile.dataset.user;
    chosen.textContent = tile.dataset.user;
    message.textContent = "";
    pin.value = "";
    pin.focus();
  }));
  document.querySelectorAll(".key").forEach(key => key.addEventListener("click", () => {
    const k = key.dataset.key;
    if (k === "clear") pin.value = "";
    else if (k === "back") pin.value = pin.value.slice(0, -1);
    else if (pin.value.length < 8) pin.value += k;
  }));
  document.getElementById("signin-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    if (!name.value) { message.textContent = "Tap your name first."; return; }
    if (!pin.value) { message.textContent = "Enter your PIN."; return; }
    message.textContent = "";
    try {
      const res = await fetch("/ui/sign-in", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: name.value, pin: pin.value }) });
      const body = await res.json();
      if (body.ok) { location.href = "/"; return; }
      message.textContent = body.error || "Sign-in refused.";
    } catch {
      message.textContent = "The gateway does not answer. Try again.";
    }
    pin.value = "";
  });
})();
