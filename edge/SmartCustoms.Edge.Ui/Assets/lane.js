"use strict";
// Lane view: everything live comes from /ui/stream (Server-Sent Events); nothing polls or reloads.
(() => {
  const app = document.getElementById("app");
  const allowed = new Set((app.dataset.allowed || "").split(" ").filter(Boolean));
  const signedIn = !!app.dataset.user;
  const signOutMs = Number(app.dataset.signoutSeconds || 600) * 1000;
  const $ = id => document.getElementById(id);
  const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const fmt = (v, d) => (v === null || v === undefined || !isFinite(v)) ? "—" : Number(v).toLocaleString("en-GB", { minimumFractionDigits: d, maximumFractionDigits: d });
  const time = t => t ? new Date(t).toLocaleTimeString("en-GB") : "—";
  const since = t => { if (!t) return ""; const s = Math.max(0, (Date.now() - new Date(t).getTime()) / 1000);
    return s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`; };

  let geometry = null, lane = null, link = { broker: "not-monitored" }, streamOk = false;
  const tonnage = []; // [ms, tonnes] of the open lot, for the flow estimate
  const rendered = {};
  const setHtml = (id, html) => { if (rendered[id] !== html) { rendered[id] = html; $(id).innerHTML = html; } };

  // ---------------------------------------------------------------- stream
  const source = new EventSource("/ui/stream");
  source.addEventListener("open", () => { streamOk = true; renderBanners(); });
  source.addEventListener("error", () => { streamOk = false; renderBanners(); });
  source.addEventListener("geometry", e => { geometry = JSON.parse(e.data); });
  source.addEventListener("link", e => { link = JSON.parse(e.data); renderBanners(); });
  source.addEventListener("lane", e => { lane = JSON.parse(e.data); streamOk = true; render(); });
  source.addEventListener("stored", e => storedEvent(JSON.parse(e.data)));
  source.addEventListener("dropped", e => storedNote(`${e.data} events skipped (page fell behind)`));

  // ---------------------------------------------------------------- rendering
  function render() {
    renderLot(); renderBelt(); renderAlarms(); renderDevices(); renderIncrements(); renderStack(); renderBanners(); renderActions();
  }

  function renderLot() {
    const lot = lane.lot;
    const speed = lane.belt.speedKnown ? lane.belt.speedMetresPerSecond : null;
    $("fig-speed").textContent = speed === null ? "unknown" : fmt(speed, 2);
    if (!lot) {
      $("lot-id").textContent = "No lot open";
      $("lot-decl").textContent = "";
      const v = $("lot-verdict"); v.className = "verdict"; v.textContent = "no lot";
      $("fig-tonnes").textContent = "—"; $("fig-declared").textContent = "—"; $("fig-flow").textContent = "—"; $("fig-segments").textContent = "—";
      setHtml("lot-reasons", "");
      $("btn-report").hidden = true;
      tonnage.length = 0;
      return;
    }
    const d = lot.declaration;
    $("lot-id").textContent = d.lotId;
    $("lot-decl").textContent = `${d.declaredBrand} · ${d.vessel} · decl. ${d.declarationNumber} · HS ${d.hsCode}`;
    const level = lot.verdict.level;
    const v = $("lot-verdict"); v.className = `verdict v-${level}`; v.textContent = level;
    $("fig-tonnes").textContent = fmt(lot.tonnes, 1);
    $("fig-declared").textContent = fmt(d.declaredMassTonnes, 0);
    $("fig-segments").textContent = `${lot.clearSegments} / ${lot.suspectSegments} / ${lot.contaminatedSegments}`;
    // Flow from the lot's tonnage over the last 30 s (the snapshot carries no flow figure).
    const now = Date.now();
    tonnage.push([now, lot.tonnes]);
    while (tonnage.length && now - tonnage[0][0] > 30000) tonnage.shift();
    const span = tonnage.length > 1 ? (tonnage[tonnage.length - 1][0] - tonnage[0][0]) / 3600000 : 0;
    $("fig-flow").textContent = span > 2 / 3600 ? fmt((tonnage[tonnage.length - 1][1] - tonnage[0][1]) / span, 0) : "—";
    setHtml("lot-reasons", lot.verdict.reasons.map(r => `<li>${esc(r.message)}</li>`).join(""));
    const report = $("btn-report"); report.hidden = false; report.href = `/lots/${encodeURIComponent(d.lotId)}/report`;
  }

  function renderBelt() {
    if (!geometry) return;
    const g = geometry, b = lane.belt, svg = $("belt-svg");
    const W = Math.max(400, svg.clientWidth || 1000), H = Math.max(120, svg.clientHeight || 150);
    const max = Math.max(g.cutter, g.radiation, g.nir, g.camera, g.scale) * 1.06 + 2;
    const x = m => 20 + (m / max) * (W - 40);
    const parts = [];
    parts.push(`<rect x="20" y="62" width="${W - 40}" height="42" rx="8" fill="#323c47" stroke="#5b6877" stroke-width="2"/>`);
    // Judged segments at their place now: material with belt coordinate c is at lane location P - c.
    for (const s of lane.recentSegments) {
      const from = b.positionMetres - s.endMetres, to = b.positionMetres - s.startMetres;
      if (to < 0 || from > max) continue;
      const a = Math.max(0, from), z = Math.min(max, to);
      const colour = s.verdict === "contaminated" ? "#e5383b" : s.verdict === "suspect" ? "#f2b705" : "#2fb45a";
      parts.push(`<rect x="${x(a)}" y="66" width="${Math.max(2, x(z) - x(a) - 2)}" height="34" rx="4" fill="${colour}"><title>segment ${s.number}: ${s.verdict}</title></rect>`);
      if (s.verdict !== "clear" && x(z) - x(a) > 24) parts.push(`<text x="${(x(a) + x(z)) / 2}" y="89" fill="#111" font-size="15" font-weight="700" text-anchor="middle">${s.number}</text>`);
    }
    const devices = [["scale", g.scale, "Scale"], ["camera", g.camera, "Camera"], ["nir", g.nir, "NIR"], ["radiation", g.radiation, "Radiation"], ["sampler", g.cutter, "Cutter"]];
    const health = Object.fromEntries(lane.devices.map(d => [d.device.toLowerCase(), d.state]));
    let lastLabel = -999, row = 0, lastMetres = -999;
    devices.forEach(([key, pos, label], k) => {
      const px = x(pos);
      row = px - lastLabel < 110 ? row + 1 : 0; lastLabel = px;
      // In a cluster of close devices the label goes left of its line, except the last one.
      const nextClose = k + 1 < devices.length && x(devices[k + 1][1]) - px < 110;
      const y = 48 - row * 17;
      const state = health[key] || health[label.toLowerCase()];
      const fill = state === "down" ? "#e5383b" : state === "degraded" ? "#f2b705" : state === "up" ? "#2fb45a" : "#8a96a3";
      parts.push(`<line x1="${px}" y1="${y + 6}" x2="${px}" y2="112" stroke="#dfe6ee" stroke-width="3"/>`);
      parts.push(`<circle cx="${px}" cy="${y}" r="7" fill="${fill}" stroke="#111"/>`);
      const anchor = nextClose || px > W - 120 ? "end" : "start", dx = anchor === "end" ? -11 : 11;
      parts.push(`<text x="${px + dx}" y="${y + 5}" fill="#f4f6f8" font-size="15" font-weight="700" text-anchor="${anchor}">${label}${state === "down" ? " (down)" : ""}</text>`);
      if (px - lastMetres > 46) { parts.push(`<text x="${px}" y="127" fill="#aab4bf" font-size="13" text-anchor="middle">${fmt(pos, 0)} m</text>`); lastMetres = px; }
    });
    // Planned cuts aimed at a spot on the belt.
    for (const i of lane.recentIncrements) {
      if (i.targetMetres === null || !["planned", "commanded", "acknowledged"].includes(i.state)) continue;
      const at = b.positionMetres - i.targetMetres;
      if (at < 0 || at > max) continue;
      parts.push(`<path d="M ${x(at) - 8} 116 L ${x(at) + 8} 116 L ${x(at)} 104 Z" fill="#4ea1ff"><title>increment ${i.id}</title></path>`);
    }
    parts.push(`<text x="${W - 20}" y="${H - 6}" fill="#aab4bf" font-size="14" text-anchor="end">direction of travel →  ${b.speedKnown ? fmt(b.speedMetresPerSecond, 2) + " m/s" : "speed unknown"}${b.moving ? "" : " · stopped"}</text>`);
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.innerHTML = parts.join("");
  }

  // New alarms: the card flashes and a tone sounds (critical: three beeps). Browsers allow sound only after
  // the page has been touched once, so the audio context is opened on the first touch.
  let audio = null, knownAlarms = null;
  document.addEventListener("pointerdown", () => { audio ??= new AudioContext(); audio.resume(); }, { passive: true });
  function cue(critical) {
    const card = document.querySelector(".alarms");
    card.classList.remove("flash"); void card.offsetWidth; card.classList.add("flash");
    if (!audio || audio.state !== "running") return;
    for (let n = 0; n < (critical ? 3 : 1); n++) {
      const osc = audio.createOscillator(), gain = audio.createGain(), t = audio.currentTime + n * 0.35;
      osc.frequency.value = critical ? 880 : 660; gain.gain.setValueAtTime(0.4, t); gain.gain.setValueAtTime(0, t + 0.22);
      osc.connect(gain).connect(audio.destination); osc.start(t); osc.stop(t + 0.25);
    }
  }

  function renderAlarms() {
    const fresh = lane.openAlarms.filter(a => !a.acknowledgedBy && knownAlarms !== null && !knownAlarms.has(a.id));
    if (fresh.length) cue(fresh.some(a => a.severity === "critical"));
    knownAlarms = new Set(lane.openAlarms.map(a => a.id));
    const alarms = [...lane.openAlarms].sort((a, b) => (b.severity === "critical") - (a.severity === "critical") || new Date(b.lastRaisedAt) - new Date(a.lastRaisedAt));
    $("alarm-count").textContent = `${alarms.length} open`;
    const canAck = allowed.has("ack-alarm");
    setHtml("alarm-list", alarms.length === 0 ? `<li class="empty">No open alarms</li>` : alarms.map(a => `
      <li data-alarm="${esc(a.id)}"><span class="sev sev-${a.severity}">${a.severity}</span>
        <span class="grow">${esc(a.message)}<span class="sub">${time(a.raisedAt)}${a.occurrences > 1 ? ` · ×${a.occurrences}` : ""}${a.active ? " · active" : ""}${a.lotId ? ` · lot ${esc(a.lotId)}` : ""}</span></span>
        ${a.acknowledgedBy ? `<span class="acked">ack ${esc(a.acknowledgedBy)}</span>` :
          `<button type="button" class="btn btn-ack" data-ack="${esc(a.id)}" data-message="${esc(a.message)}" ${canAck ? "" : `aria-disabled="true" title="Needs operator or supervisor"`}>Acknowledge</button>`}
      </li>`).join(""));
  }

  function renderDevices() {
    const devices = [...lane.devices].sort((a, b) => a.device.localeCompare(b.device));
    setHtml("device-list", devices.length === 0 ? `<li class="empty">No device has reported yet</li>` : devices.map(d => `
      <li><span class="dot dot-${d.state}"></span><span class="grow"><b>${esc(d.device)}</b> · ${d.state}<span class="sub">${esc(d.reason || "ok")} · since ${time(d.since)} (${since(d.since)})</span></span></li>`).join(""));
    const s = lane.sampler;
    $("sampler").textContent = `Sampler: ${s.ready ? "ready" : "not ready"}${s.busy ? ", cutting" : ""}${s.problem ? " — " + s.problem : ""}${lane.emergencyStop ? " · E-STOP ACTIVE" : ""}`;
  }

  function renderIncrements() {
    const list = lane.recentIncrements.slice(0, 8);
    setHtml("increment-list", list.length === 0 ? `<li class="empty">None yet</li>` : list.map(i => `
      <li><span class="grow"><b>#${i.id}</b> ${i.reason} · ${i.state}<span class="sub">${time(i.takenAt || i.plannedAt)} · ${fmt(i.massKg, 1)} kg${i.massMeasured ? "" : " est."}${i.note ? " · " + esc(i.note) : ""}</span></span></li>`).join(""));
  }

  function renderStack() {
    const c = lane.stackLight.color;
    $("stack").className = `stack ${c}`;
    $("stack-text").textContent = c.toUpperCase() + (lane.stackLight.horn ? " + HORN" : "");
  }

  function renderBanners() {
    const b = [];
    if (!streamOk) b.push(["down", "Connection to the gateway lost — the view is not live. Reconnecting…"]);
    if (link.broker === "disconnected") b.push(["down", "MQTT broker down: events are stored and will be sent when it is back."]);
    if (link.storeOverBudget) b.push(["down", "Event store full: only alarms are being recorded. Call a technician."]);
    if (lane) {
      for (const d of lane.devices.filter(d => d.state === "down")) b.push(["down", `${d.device.toUpperCase()} DOWN — ${d.reason} (since ${time(d.since)})`]);
      for (const d of lane.devices.filter(d => d.state === "degraded")) b.push(["warn", `${d.device} degraded — ${d.reason}`]);
      if (lane.emergencyStop) b.push(["down", "EMERGENCY STOP active: no sampler commands are sent."]);
      if (!lane.belt.speedKnown && lane.lot) b.push(["warn", "Belt speed unknown: material cannot be tracked."]);
    }
    setHtml("banners", b.map(([k, t]) => `<div class="banner banner-${k}">${esc(t)}</div>`).join(""));
    const conn = $("conn");
    conn.className = `conn ${streamOk ? "live" : "lost"}`;
    conn.textContent = streamOk ? `live · broker ${link.broker}` : "not live";
  }

  function renderActions() {
    const lotOpen = !!lane.lot;
    gate("btn-start-lot", "start-lot", !lotOpen, "A lot is open");
    gate("btn-end-lot", "end-lot", lotOpen, "No lot is open");
    gate("btn-increment", "request-increment", lotOpen, "No lot is open");
  }

  function gate(id, action, possible, why) {
    const btn = $(id);
    const mayAct = allowed.has(action);
    btn.disabled = !possible;
    btn.setAttribute("aria-disabled", String(!mayAct));
    btn.title = !possible ? why : !signedIn ? "Sign in first" : !mayAct ? "Not allowed for your role" : "";
  }

  // The diagram is drawn in screen pixels (text stays undistorted): redraw when the panel is resized.
  window.addEventListener("resize", () => { if (lane) renderBelt(); });

  // ---------------------------------------------------------------- stored events feed
  const feed = [];
  function storedEvent(env) {
    const data = env.data || {};
    const what = data.event ? `${env.schema.replace(/^sc\.(event\.)?/, "").replace(/\/1$/, "")} ${data.event}` : env.schema;
    feed.unshift(`<li><b>#${env.seq ?? "—"}</b><span class="grow ellipsis">${esc(what)}${env.lot ? " · " + esc(env.lot) : ""}</span><span class="muted">${time(env.ts)}</span></li>`);
    feed.length = Math.min(feed.length, 10);
    setHtml("event-list", feed.join(""));
    $("last-seq").textContent = `seq ${env.seq ?? "—"}`;
  }
  function storedNote(text) { feed.unshift(`<li class="muted">${esc(text)}</li>`); feed.length = Math.min(feed.length, 10); setHtml("event-list", feed.join("")); }

  // ---------------------------------------------------------------- actions
  const toast = $("toast");
  let toastTimer = 0;
  function say(text, error) {
    toast.textContent = text; toast.className = `toast${error ? " error" : ""}`; toast.hidden = false;
    clearTimeout(toastTimer); toastTimer = setTimeout(() => { toast.hidden = true; }, error ? 8000 : 4000);
  }

  async function send(action, body) {
    try {
      const res = await fetch(`/ui/commands/${action}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const answer = await res.json();
      return answer.ok ? null : (answer.error || "Refused.");
    } catch {
      return "The gateway does not answer. Try again.";
    }
  }

  function refuse(action) {
    if (!signedIn) { location.href = "/ui/sign-in"; return true; }
    if (!allowed.has(action)) { say(`Not allowed: ${app.dataset.role} may not ${action.replace("-", " ")}.`, true); return true; }
    return false;
  }

  function openDialog(id) { const d = $(id); d.querySelector(".message").textContent = ""; d.showModal(); return d; }
  document.querySelectorAll("dialog [data-close]").forEach(b => b.addEventListener("click", () => b.closest("dialog").close()));

  function wire(formId, action, build, done) {
    const form = $(formId);
    form.addEventListener("submit", async ev => {
      ev.preventDefault();
      const msg = form.querySelector(".message");
      msg.textContent = "Sending…";
      const error = await send(action, build(new FormData(form)));
      if (error) { msg.textContent = error; return; }
      form.closest("dialog").close();
      say(done(new FormData(form)));
    });
  }

  $("btn-start-lot").addEventListener("click", () => { if (!refuse("start-lot")) openDialog("dlg-start-lot"); });
  $("btn-end-lot").addEventListener("click", () => { if (!refuse("end-lot")) { $("end-lot-id").textContent = lane?.lot?.declaration.lotId ?? ""; openDialog("dlg-end-lot"); } });
  $("btn-increment").addEventListener("click", () => { if (!refuse("request-increment")) openDialog("dlg-increment"); });
  $("alarm-list").addEventListener("click", ev => {
    const btn = ev.target.closest("[data-ack]");
    if (!btn || refuse("ack-alarm")) return;
    const form = $("form-ack");
    form.elements.alarmId.value = btn.dataset.ack;
    form.elements.note.value = "";
    $("ack-message").textContent = btn.dataset.message;
    openDialog("dlg-ack");
  });

  wire("form-start-lot", "start-lot", f => ({
    lotId: f.get("lotId").trim(), declarationNumber: f.get("declarationNumber").trim(), vessel: f.get("vessel").trim(),
    declaredBrand: f.get("declaredBrand").trim(), declaredMassTonnes: Number(f.get("declaredMassTonnes")), hsCode: f.get("hsCode").trim(),
  }), f => `Lot ${f.get("lotId")} started.`);
  wire("form-end-lot", "end-lot", () => ({ lotId: lane?.lot?.declaration.lotId }), () => "Lot ended.");
  wire("form-increment", "request-increment", f => ({ reason: f.get("reason").trim() || "operator request" }), () => "Increment requested.");
  wire("form-ack", "ack-alarm", f => ({ alarmId: f.get("alarmId"), note: f.get("note").trim() || null }), () => "Alarm acknowledged.");

  // ---------------------------------------------------------------- sign-out and inactivity
  $("signout")?.addEventListener("click", async () => { await fetch("/ui/sign-out", { method: "POST" }); location.href = "/"; });
  if (signedIn) {
    let lastTouch = Date.now(), lastSent = 0;
    const touch = () => {
      lastTouch = Date.now();
      if (lastTouch - lastSent > 20000) { lastSent = lastTouch; fetch("/ui/session", { method: "POST" }); }
    };
    ["pointerdown", "keydown"].forEach(t => document.addEventListener(t, touch, { passive: true }));
    setInterval(async () => {
      if (Date.now() - lastTouch < signOutMs) return;
      const s = await fetch("/ui/session").then(r => r.json()).catch(() => null);
      if (s && !s.signedIn) location.href = "/";
    }, 5000);
  }
})();
