"use strict";
// Every live page (lane, alarms, lots, samples, devices): everything live comes from /ui/stream (Server-Sent
// Events); nothing polls or reloads. Each renderer draws only the parts its page has.
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

  let geometry = null, lane = null, link = { broker: "not-monitored" }, streamOk = false, inst = null;
  const tonnage = []; // [ms, tonnes] of the open lot, for the flow estimate
  const rendered = {};
  const setHtml = (id, html) => { const el = $(id); if (el && rendered[id] !== html) { rendered[id] = html; el.innerHTML = html; } };
  const setText = (id, text) => { const el = $(id); if (el && el.textContent !== text) el.textContent = text; };

  // ---------------------------------------------------------------- stream
  const source = new EventSource("/ui/stream");
  source.addEventListener("open", () => { streamOk = true; renderBanners(); });
  source.addEventListener("error", () => { streamOk = false; renderBanners(); });
  source.addEventListener("geometry", e => { geometry = JSON.parse(e.data); });
  source.addEventListener("link", e => { link = JSON.parse(e.data); renderBanners(); });
  source.addEventListener("lane", e => { lane = JSON.parse(e.data); streamOk = true; render(); });
  source.addEventListener("instruments", e => { inst = JSON.parse(e.data); renderInstruments(); });
  source.addEventListener("thresholds", e => renderThresholds(JSON.parse(e.data)));
  source.addEventListener("stored", e => storedEvent(JSON.parse(e.data)));
  source.addEventListener("dropped", e => storedNote(`${e.data} events skipped (page fell behind)`));

  // ---------------------------------------------------------------- rendering
  function render() {
    if ($("lot-id")) renderLot();
    if ($("belt-svg")) renderBelt();
    if ($("alarm-list")) renderAlarms();
    if ($("device-list")) renderDevices();
    if ($("device-table")) renderDeviceTable();
    if ($("increment-list")) renderIncrements();
    if ($("increment-table")) renderIncrementTable();
    renderStack(); renderBanners(); renderActions();
  }

  function renderLot() {
    const lot = lane.lot;
    const speed = lane.belt.speedKnown ? lane.belt.speedMetresPerSecond : null;
    $("fig-speed").textContent = speed === null ? "unknown" : fmt(speed, 2);
    if (!lot) {
      $("lot-id").textContent = "No lot open";
      $("lot-decl").textContent = "";
      const v = $("lot-verdict"); v.className = "verdict"; v.textContent = "no lot";
      $("fig-tonnes").textContent = "—"; $("fig-declared").textContent = "—"; $("fig-segments").textContent = "—";
      $("fig-flow").textContent = inst?.scale ? fmt(inst.scale.flowTonnesPerHour, 0) : "—";
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
    // The belt scale's own flow figure when it reports one; else estimated from the lot's tonnage.
    $("fig-flow").textContent = inst?.scale ? fmt(inst.scale.flowTonnesPerHour, 0) : span > 2 / 3600 ? fmt((tonnage[tonnage.length - 1][1] - tonnage[0][1]) / span, 0) : "—";
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
    const devices = [["scale", g.scale, "Scale"], ["camera", g.camera, "Camera"], ["nir", g.nir, "NIR"], ["radiation", g.radiation, "Radiation"], ["sampler", g.cutter, "Cutter"]]
      .sort((a, b) => a[1] - b[1]);
    const health = Object.fromEntries(lane.devices.map(d => [d.device.toLowerCase(), d.state]));
    // Labels go right of their line, on the first of three rows where they do not overlap a label already
    // placed (devices a metre apart stack instead of overprinting); near the right edge they go left.
    const rowEnds = [-1e9, -1e9, -1e9];
    let lastMetres = -999;
    devices.forEach(([key, pos, label]) => {
      const px = x(pos);
      const state = health[key] || health[label.toLowerCase()];
      const text = `${label}${state === "down" ? " (down)" : ""}`;
      const width = text.length * 9 + 22;
      const leftward = px + width > W - 10;
      let row = rowEnds.findIndex(end => (leftward ? px - width : px - 8) > end + 4);
      if (row < 0) row = rowEnds.indexOf(Math.min(...rowEnds));
      rowEnds[row] = leftward ? px + 8 : px + width;
      const y = 50 - row * 17;
      const fill = state === "down" ? "#e5383b" : state === "degraded" ? "#f2b705" : state === "up" ? "#2fb45a" : "#8a96a3";
      parts.push(`<line x1="${px}" y1="${y + 6}" x2="${px}" y2="112" stroke="#dfe6ee" stroke-width="3"/>`);
      parts.push(`<circle cx="${px}" cy="${y}" r="7" fill="${fill}" stroke="#111"/>`);
      parts.push(`<text x="${leftward ? px - 11 : px + 11}" y="${y + 5}" fill="#f4f6f8" font-size="15" font-weight="700" paint-order="stroke" stroke="#1f252d" stroke-width="5" text-anchor="${leftward ? "end" : "start"}">${text}</text>`);
      if (px - lastMetres > 46) { parts.push(`<text x="${px}" y="127" fill="#aab4bf" font-size="13" text-anchor="middle">${fmt(pos, 0)} m</text>`); lastMetres = px; }
    });
    // Planned cuts aimed at a spot on the belt.
    for (const i of lane.recentIncrements) {
      if (i.targetMetres === null || !["planned", "commanded", "acknowledged"].includes(i.state)) continue;
      const at = b.positionMetres - i.targetMetres;
      if (at < 0 || at > max) continue;
      parts.push(`<path d="M ${x(at) - 8} 116 L ${x(at) + 8} 116 L ${x(at)} 104 Z" fill="#4ea1ff"><title>increment ${i.id}</title></path>`);
    }
    parts.push(`<text x="${W - 20}" y="14" fill="#aab4bf" font-size="14" text-anchor="end">direction of travel →  ${b.speedKnown ? fmt(b.speedMetresPerSecond, 2) + " m/s" : "speed unknown"}${b.moving ? "" : " · stopped"}</text>`);
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
        <span class="grow"><span class="msg" title="${esc(a.message)}">${esc(a.message)}</span><span class="sub">${time(a.raisedAt)}${a.occurrences > 1 ? ` · ×${a.occurrences}` : ""}${a.active ? " · active" : ""}${a.lotId ? ` · lot ${esc(a.lotId)}` : ""}</span></span>
        ${a.acknowledgedBy ? `<span class="acked">ack ${esc(a.acknowledgedBy)}</span>` :
          `<button type="button" class="btn btn-ack" data-ack="${esc(a.id)}" data-message="${esc(a.message)}" ${canAck ? "" : `aria-disabled="true" title="Needs operator or supervisor"`}>Acknowledge</button>`}
      </li>`).join(""));
  }

  function renderDevices() {
    const devices = [...lane.devices].sort((a, b) => a.device.localeCompare(b.device));
    setHtml("device-list", devices.length === 0 ? `<li class="empty">No device has reported yet</li>` : devices.map(d => `
      <li><span class="dot dot-${d.state}"></span><span class="grow"><b>${esc(d.device)}</b> · ${d.state}<span class="sub">${esc(d.reason || "ok")} · since ${time(d.since)} (${since(d.since)})</span></span></li>`).join(""));
    const s = lane.sampler;
    if ($("sampler")) $("sampler").textContent = `Sampler: ${s.ready ? "ready" : "not ready"}${s.busy ? ", cutting" : ""}${s.problem ? " — " + s.problem : ""}${lane.emergencyStop ? " · E-STOP ACTIVE" : ""}`;
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
      if (lane.mode === "maintenance") {
        const m = lane.modeChange;
        b.push(["maint", `MAINTENANCE${m?.by ? ` — set by ${m.by}` : ""}${m?.since ? ` ${since(m.since)} ago` : ""}${m?.note ? `: ${m.note}` : ""}. No lot can start, no cut is made by itself; radiation alarms still sound.`]);
      }
      if (lane.emergencyStop) b.push(["down", "EMERGENCY STOP active: no sampler commands are sent."]);
      if (!lane.belt.speedKnown && lane.lot) b.push(["warn", "Belt speed unknown: material cannot be tracked."]);
    }
    setHtml("banners", b.map(([k, t]) => `<div class="banner banner-${k}">${esc(t)}</div>`).join(""));
    const conn = $("conn");
    conn.className = `conn ${streamOk ? "live" : "lost"}`;
    conn.textContent = streamOk ? "live" : "not live";
    conn.title = `broker ${link.broker}`;
  }

  function renderActions() {
    const lotOpen = !!lane.lot, maintenance = lane.mode === "maintenance";
    gate("btn-start-lot", "start-lot", !lotOpen && !maintenance, maintenance ? "The lane is in maintenance" : "A lot is open");
    gate("btn-end-lot", "end-lot", lotOpen, "No lot is open");
    // In maintenance a manual cut tests the sampler without a lot; a technician cuts only then (a test, never a lot's sample).
    const technician = app.dataset.role === "technician";
    gate("btn-increment", "request-increment", technician ? maintenance : lotOpen || maintenance, technician ? "Technicians test the sampler in maintenance only" : "No lot is open");
    const mode = $("btn-mode");
    if (mode) {
      mode.hidden = !allowed.has("set-mode");
      mode.textContent = maintenance ? "Back to run" : "Maintenance";
      gate("btn-mode", "set-mode", maintenance || !lotOpen, "End the lot first");
    }
    gate("btn-calibrate", "calibrate", lane.devices.some(d => d.device === "nir" && d.state !== "down"), "The NIR spectrometer is down");
    // Shown to everyone while the lot is on HOLD (so the state is plain), usable by a supervisor only.
    const held = lane.lot?.verdict.level === "hold";
    const release = $("btn-release-hold");
    if (release) { release.hidden = !held; gate("btn-release-hold", "release-hold", held, "The lot is not on HOLD"); }
    document.querySelectorAll("[data-action='set-threshold']").forEach(b => {
      const may = allowed.has("set-threshold");
      b.setAttribute("aria-disabled", String(!may));
      b.title = !signedIn ? "Sign in first" : may ? "" : "Supervisors only";
    });
  }

  // The thresholds card follows changes made anywhere (another panel, MQTT, HTTP), not only its own dialog.
  function renderThresholds(values) {
    for (const [name, value] of Object.entries(values)) {
      const row = document.querySelector(`[data-threshold="${CSS.escape(name)}"]`);
      if (!row) continue;
      const text = String(value);
      const cell = row.querySelector(".threshold-value");
      if (cell.textContent !== text) cell.textContent = text;
      row.querySelector("button").dataset.value = text;
    }
  }

  function gate(id, action, possible, why) {
    const btn = $(id);
    if (!btn) return;
    const mayAct = allowed.has(action);
    btn.disabled = !possible;
    btn.setAttribute("aria-disabled", String(!mayAct));
    btn.title = !possible ? why : !signedIn ? "Sign in first" : !mayAct ? "Not allowed for your role" : "";
  }

  // The diagram is drawn in screen pixels (text stays undistorted): redraw when the panel is resized.
  window.addEventListener("resize", () => { if (lane) renderBelt(); });


  // ---------------------------------------------------------------- instruments (device readings, spectrum, calibration)
  const stamp = t => t ? `${new Date(t).toLocaleDateString("en-GB", { day: "2-digit", month: "short" })} ${time(t)}` : "—";
  function renderInstruments() {
    if (!inst) return;
    // A down device's last reading is not shown as if it were current.
    const down = name => !!lane && lane.devices.some(d => d.device === name && d.state === "down");
    const r = down("radiation") ? null : inst.radiation;
    if ($("fig-radiation")) {
      setText("fig-radiation", r ? fmt(r.doseRate, 0) : "—");
      setText("fig-radiation-state", r ? `· ${r.alarmState}${r.detectorOk ? "" : " · detector fault"}` : down("radiation") ? "· monitor down" : "· no reading");
      $("fig-radiation-box").className = `fig${r && r.alarmState !== "normal" ? " fig-alert" : ""}`;
    }
    const s = down("sampler") ? null : inst.sampler;
    if ($("fig-bin")) setText("fig-bin", s ? `${s.binFillPercent} %${s.binFull ? " FULL" : ""}` : "—");
    if ($("spectrum-svg")) renderSpectrum();
    if ($("sampler-card")) renderSamplerCard();
    if ($("calibration-now")) renderCalibration();
    if ($("device-table") && lane) renderDeviceTable();
    if (lane && $("fig-flow") && lane.lot === null) setText("fig-flow", inst.scale ? fmt(inst.scale.flowTonnesPerHour, 0) : "—");
  }

  function renderSpectrum() {
    const sp = inst.spectrum, svg = $("spectrum-svg");
    if (!sp) {
      setHtml("spectrum-svg", `<text x="200" y="80" fill="#aab4bf" font-size="15" text-anchor="middle">${inst.spectrumAvailable ? "No spectrum yet" : "Spectrum view not available on this gateway"}</text>`);
      setText("spectrum-reading", "—"); setText("spectrum-sub", "");
      return;
    }
    const W = 400, H = 150, L = 34, B = 22, w = sp.wavelengthsNm, y = sp.reflectance;
    const x0 = w[0], x1 = w[w.length - 1];
    const X = v => L + (v - x0) / Math.max(1, x1 - x0) * (W - L - 6), Y = v => 6 + (1 - Math.min(1, Math.max(0, v))) * (H - B - 6);
    let d = "", pen = false;
    for (let i = 0; i < w.length; i++) {
      if (y[i] === null) { pen = false; continue; }
      d += `${pen ? "L" : "M"}${X(w[i]).toFixed(1)} ${Y(y[i]).toFixed(1)} `; pen = true;
    }
    const colour = sp.isContaminant ? "#e5383b" : sp.isOutOfDistribution ? "#f2b705" : "#4ea1ff";
    const grid = [0, 0.5, 1].map(v => `<line x1="${L}" x2="${W - 6}" y1="${Y(v)}" y2="${Y(v)}" stroke="#3a4552"/><text x="${L - 4}" y="${Y(v) + 4}" fill="#aab4bf" font-size="11" text-anchor="end">${v}</text>`).join("");
    const ticks = [[x0, "start"], [(x0 + x1) / 2, "middle"], [x1, "end"]].map(([v, a]) => `<text x="${X(v)}" y="${H - 6}" fill="#aab4bf" font-size="11" text-anchor="${a}">${fmt(v, 0)} nm</text>`).join("");
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    setHtml("spectrum-svg", `${grid}${ticks}<path d="${d}" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
    const reading = $("spectrum-reading");
    reading.className = `reading ${sp.isContaminant ? "r-bad" : sp.isOutOfDistribution ? "r-warn" : "r-ok"}`;
    setText("spectrum-reading", `${sp.className}${sp.contaminantScore === null ? "" : ` · ${fmt(sp.contaminantScore * 100, 0)} % contaminant`}`);
    setText("spectrum-sub", `${time(sp.at)} · ${sp.model} · calibration ${sp.calibrationId}${sp.isOutOfDistribution ? " · unlike anything in training" : ""}${sp.problem ? " · " + sp.problem : ""}`);
  }

  function renderSamplerCard() {
    const s = inst.sampler;
    const state = $("sampler-state");
    if (!s) { state.className = "verdict"; setText("sampler-state", "no reading"); setText("bin-text", "—"); return; }
    state.className = `verdict ${s.state === "fault" ? "v-hold" : s.ready ? "v-clear" : "v-suspect"}`;
    setText("sampler-state", s.state);
    $("bin-fill").style.height = `${Math.min(100, Math.max(0, s.binFillPercent))}%`;
    $("bin-fill").className = `bin-fill${s.binFull ? " full" : s.binFillPercent >= 80 ? " high" : ""}`;
    setText("bin-text", `bin ${s.binFillPercent} %${s.binFull ? " · FULL" : ""}`);
    const core = lane?.sampler;
    setHtml("sampler-kv", [
      ["Ready", s.ready ? "yes" : `no${core?.problem ? " — " + esc(core.problem) : ""}`],
      ["Cutter", s.cutterHome ? "home" : "away from home"],
      ["Belt interlock", s.interlockOk ? "OK" : "NOT OK"],
      ["Fault code", s.faultCode === 0 ? "none" : esc(s.faultCode)],
      ["Cuts completed", esc(s.incrementsCompleted)],
      ["Last increment", `#${esc(s.lastIncrementId)} · ${fmt(s.lastIncrementMassKg, 1)} kg`],
      ["Read", time(s.at)],
    ].map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join(""));
  }

  function renderCalibration() {
    const list = inst.calibrations || [];
    setHtml("calibration-now", list.length === 0 ? `<span class="muted">${inst.spectrumAvailable ? "No calibration taken yet" : "Calibration state not available on this gateway"}</span>` : list.map(c => {
      const left = (new Date(c.validUntil) - Date.now()) / 1000;
      const drift = c.currentTemperatureC === null ? "" : ` · detector now ${fmt(c.currentTemperatureC, 1)} °C (Δ ${fmt(c.currentTemperatureC - c.detectorTemperatureC, 1)})`;
      return `<div class="cal ${left <= 0 ? "cal-expired" : ""}"><b>${esc(c.device.toUpperCase())}</b> ${esc(c.kind)} <code>${esc(c.id)}</code>
        <span class="sub">taken ${stamp(c.takenAt)} (${since(c.takenAt)} ago) at ${fmt(c.detectorTemperatureC, 1)} °C · ${left > 0 ? `valid ${since(new Date(Date.now() - left * 1000))} more` : "EXPIRED"} · ${esc(c.unusablePixels)} unusable px${drift}</span></div>`;
    }).join(""));
  }

  function lastReading(device) {
    if (!inst) return "—";
    const k = device.toLowerCase();
    if (k === "scale" && inst.scale) return `${fmt(inst.scale.flowTonnesPerHour, 0)} t/h · ${fmt(inst.scale.beltSpeedMetresPerSecond, 2)} m/s · total ${fmt(inst.scale.totaliserTonnes, 1)} t${inst.scale.fault ? " · FAULT" : ""} · ${time(inst.scale.at)}`;
    if (k === "radiation" && inst.radiation) return `${fmt(inst.radiation.doseRate, 0)} nSv/h (background ${fmt(inst.radiation.background, 0)}) · ${inst.radiation.alarmState} · ${time(inst.radiation.at)}`;
    if (k === "sampler" && inst.sampler) return `${inst.sampler.state} · bin ${inst.sampler.binFillPercent} % · last ${fmt(inst.sampler.lastIncrementMassKg, 1)} kg · ${time(inst.sampler.at)}`;
    if (inst.laneIo && k === String(inst.laneIo.device).toLowerCase()) {
      const io = inst.laneIo, l = io.stackLight;
      const lamps = [l.red && "red", l.amber && "amber", l.green && "green"].filter(Boolean).join("+") || "off";
      return `belt ${io.beltRunning ? "running" : "stopped"} · e-stop ${io.eStopActive ? (io.eStopFailSafe ? "ACTIVE (fail-safe: input unknown)" : "ACTIVE") : "released"}`
        + ` · stack light ${lamps}${l.horn ? " + horn" : ""}`
        + (io.encoder ? ` · encoder ${fmt(io.encoder.speedMetresPerSecond, 2)} m/s` : " · no encoder")
        + (io.climate ? ` · cabinet ${fmt(io.climate.temperatureC, 1)} °C ${fmt(io.climate.humidityPercent, 0)} %RH` : "");
    }
    if (k === "nir" && inst.spectrum) return `spectrum ${time(inst.spectrum.at)} · ${esc(inst.spectrum.className)}`;
    if (k === (inst.camera || "").toLowerCase()) return `<a class="btn btn-small" href="/video/${encodeURIComponent(inst.camera)}.mjpg">live video</a>`;
    return "—";
  }

  function renderDeviceTable() {
    const devices = [...lane.devices].sort((a, b) => a.device.localeCompare(b.device));
    const down = devices.filter(d => d.state !== "up").length;
    setText("devices-summary", devices.length === 0 ? "" : down === 0 ? `all ${devices.length} up` : `${down} of ${devices.length} not up`);
    setHtml("device-table", `<thead><tr><th>Device</th><th>Health</th><th>Reason</th><th>Since</th><th>Last reading</th></tr></thead><tbody>${devices.length === 0 ? `<tr class="empty"><td colspan="5">No device has reported yet</td></tr>` : devices.map(d => `
      <tr class="dev-${d.state}"><td><b>${esc(d.device)}</b></td><td><span class="dot dot-${d.state} inline"></span> ${d.state}</td><td>${esc(d.reason || "ok")}</td><td>${time(d.since)} (${since(d.since)})</td><td>${lastReading(d.device)}</td></tr>`).join("")}</tbody>`);
  }

  function renderIncrementTable() {
    const list = lane.recentIncrements;
    setText("increment-count", `${list.length} recent`);
    setHtml("increment-table", `<thead><tr><th>#</th><th>Lot</th><th>Reason</th><th>Status</th><th>Planned</th><th>Taken</th><th class="num">Mass kg</th><th>Note</th></tr></thead><tbody>${list.length === 0 ? `<tr class="empty"><td colspan="8">No increment yet</td></tr>` : list.map(i => `
      <tr><td><b>${i.id}</b></td><td>${i.lotId ? esc(i.lotId) : `<span class="muted">no lot (test cut)</span>`}</td><td>${i.reason}</td><td class="st-${i.state}">${i.state}${i.acknowledged && i.state !== "taken" ? " (ack)" : ""}</td><td>${time(i.plannedAt)}</td><td>${time(i.takenAt)}</td><td class="num">${fmt(i.massKg, 1)}${i.massMeasured ? "" : " est."}</td><td>${esc(i.note)}</td></tr>`).join("")}</tbody>`);
  }

  // ---------------------------------------------------------------- history tables (new rows arrive as stored events)
  function historyRow(tableId, html) {
    const body = document.querySelector(`#${tableId} tbody`);
    if (!body) return;
    body.querySelector("tr.empty")?.remove();
    body.insertAdjacentHTML("afterbegin", html);
    while (body.rows.length > 200) body.deleteRow(body.rows.length - 1);
  }
  function evidenceLinks(data) {
    const ids = [];
    const walk = (o, depth) => { if (!o || typeof o !== "object" || depth > 6) return;
      for (const [k, v] of Object.entries(o)) {
        if (/^evidence/i.test(k) && typeof v === "string" && v) ids.push(v);
        else if (/^evidence/i.test(k) && Array.isArray(v)) ids.push(...v.filter(x => typeof x === "string" && x));
        else walk(v, depth + 1);
      } };
    walk(data, 0);
    return ids.length === 0 ? `<span class="muted">—</span>` : ids.slice(0, 8).map(id => `<a class="btn btn-small" href="/api/evidence/${encodeURIComponent(id)}">${esc(id.length > 14 ? id.slice(0, 14) + "…" : id)}</a>`).join(" ");
  }
  function alarmRow(env) {
    const d = env.data || {}, a = d.alarm || {};
    const who = d.event === "acknowledged" ? `${esc(a.acknowledgedBy)}${a.acknowledgeNote ? " — " + esc(a.acknowledgeNote) : ""}` : "";
    return `<tr><td>${stamp(env.ts)}</td><td>${a.severity ? `<span class="sev sev-${esc(a.severity)}">${esc(a.severity)}</span>` : ""}</td><td>${esc(d.event)}</td><td>${esc(a.message)}</td><td>${esc(env.lot)}</td><td>${who}</td><td>${evidenceLinks(d)}</td></tr>`;
  }
  function lotRow(l) {
    const d = l.declaration || {}, v = l.verdict || {};
    const reasons = (v.reasons || []).map(r => r.message).join("; ");
    return `<tr><td><b>${esc(d.lotId)}</b></td><td>${esc(d.declarationNumber)} · ${esc(d.vessel)} · ${esc(d.declaredBrand)}</td><td>${stamp(l.startedAt)}</td><td>${stamp(l.endedAt)}</td><td class="num">${fmt(l.tonnes, 1)}</td><td><span class="verdict v-${esc(v.level)}">${esc(v.level)}</span></td><td>${reasons ? esc(reasons) : `<span class="muted">no finding</span>`}</td><td><a class="btn btn-small" href="/lots/${encodeURIComponent(d.lotId)}/report">Report</a></td></tr>`;
  }

  // The camera image is an MJPEG stream, which never finishes loading: it starts after the page's load event
  // (else the page would count as loading until the first frame). If it breaks (gateway restart, camera away),
  // it is tried again every 5 s.
  const camera = $("camera-img");
  if (camera) {
    const src = camera.dataset.src;
    const start = () => { camera.src = src; };
    if (document.readyState === "complete") start(); else window.addEventListener("load", start, { once: true });
    camera.addEventListener("error", () => setTimeout(() => { camera.src = `${src}?retry=${Date.now()}`; }, 5000));
  }

  // ---------------------------------------------------------------- stored events feed
  const feed = [];
  function storedEvent(env) {
    const data = env.data || {};
    const what = data.event ? `${env.schema.replace(/^sc\.(event\.)?/, "").replace(/\/1$/, "")} ${data.event}` : env.schema;
    feed.unshift(`<li><b>#${env.seq ?? "—"}</b><span class="grow ellipsis">${esc(what)}${env.lot ? " · " + esc(env.lot) : ""}</span><span class="muted">${time(env.ts)}</span></li>`);
    feed.length = Math.min(feed.length, 10);
    setHtml("event-list", feed.join(""));
    setText("last-seq", `seq ${env.seq ?? "—"}`);
    if (env.schema === "sc.event.alarm/1") historyRow("alarm-history", alarmRow(env));
    if (env.schema === "sc.event.lot/1" && data.event === "ended") historyRow("lot-history", lotRow(data));
    if (env.schema === "sc.event.calibration/1") historyRow("calibration-history", `<tr><td>${stamp(env.ts)}</td><td><code>${esc(data.calibrationId)}</code></td><td>${esc(data.reason)}</td><td>${fmt(data.detectorTemperatureC, 2)} °C</td><td class="num">${esc(data.unusablePixels)}</td></tr>`);
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
    if (!allowed.has(action)) { say(`Not allowed: ${app.dataset.role} may not ${action.replace("-", " ")}${app.dataset.role === "remote-officer" ? " (remote view is read-only)" : ""}.`, true); return true; }
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

  $("btn-start-lot")?.addEventListener("click", () => { if (!refuse("start-lot")) openDialog("dlg-start-lot"); });
  $("btn-end-lot")?.addEventListener("click", () => { if (!refuse("end-lot")) { $("end-lot-id").textContent = lane?.lot?.declaration.lotId ?? ""; openDialog("dlg-end-lot"); } });
  $("btn-increment")?.addEventListener("click", () => { if (!refuse("request-increment")) openDialog("dlg-increment"); });
  $("btn-calibrate")?.addEventListener("click", () => { if (!refuse("calibrate")) openDialog("dlg-calibrate"); });
  $("btn-mode")?.addEventListener("click", () => {
    if (refuse("set-mode")) return;
    const to = lane?.mode === "maintenance" ? "run" : "maintenance";
    const form = $("form-mode");
    form.elements.mode.value = to;
    form.elements.note.value = "";
    $("mode-title").textContent = to === "run" ? "Switch the lane back to run?" : "Switch the lane to maintenance?";
    $("mode-explain").hidden = to === "run";
    openDialog("dlg-mode");
  });
  $("btn-release-hold")?.addEventListener("click", () => {
    if (refuse("release-hold")) return;
    $("release-lot-id").textContent = lane?.lot?.declaration.lotId ?? "";
    $("form-release").elements.note.value = "";
    openDialog("dlg-release");
  });
  $("threshold-table")?.addEventListener("click", ev => {
    const btn = ev.target.closest("[data-action='set-threshold']");
    if (!btn || refuse("set-threshold")) return;
    const form = $("form-threshold");
    form.elements.name.value = btn.dataset.name;
    form.elements.value.value = btn.dataset.value;
    $("threshold-name").textContent = btn.dataset.name;
    openDialog("dlg-threshold");
  });
  $("alarm-list")?.addEventListener("click", ev => {
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
  wire("form-calibrate", "calibrate", f => ({ device: f.get("device"), kind: "dark-white" }), () => "NIR calibration taken: spectra use it from the next burst.");
  wire("form-release", "release-hold", f => ({ lotId: lane?.lot?.declaration.lotId, note: f.get("note").trim() }), () => "HOLD released.");
  wire("form-threshold", "set-threshold", f => ({ name: f.get("name"), value: Number(f.get("value")) }), f => {
    const row = document.querySelector(`[data-threshold="${CSS.escape(f.get("name"))}"]`);
    if (row) { row.querySelector(".threshold-value").textContent = f.get("value"); row.querySelector("button").dataset.value = f.get("value"); }
    return `${f.get("name")} set to ${f.get("value")}.`;
  });
  wire("form-mode", "set-mode", f => ({ mode: f.get("mode"), note: f.get("note").trim() || null }),
    f => f.get("mode") === "run" ? "The lane runs again." : "The lane is in maintenance.");
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
