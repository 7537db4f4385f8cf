// Local Bridge dashboard: reads /api/live/stream (server-sent events over fetch, so that an API key can travel as a
// header) and renders each snapshot. Everything from the bridge is set as text, never as HTML.
'use strict';

const KEY_STORE = 'localbridge.key';
const $ = (id) => document.getElementById(id);
const fmt = new Intl.NumberFormat('en-US');
let retryMs = 1000;

function int(n) { return fmt.format(Math.round(n || 0)); }
function dec(n) { return (n || 0).toFixed(1); }

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function duration(ms) {
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  const s = Math.floor(ms / 1000);
  if (s < 3600) return Math.floor(s / 60) + 'm ' + (s % 60) + 's';
  return Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
}

function setConn(state, text) {
  $('conn').dataset.state = state;
  $('conn-text').textContent = text;
}

function headers() {
  const key = sessionStorage.getItem(KEY_STORE);
  return key ? { 'x-api-key': key } : {};
}

async function connect() {
  let response;
  try {
    response = await fetch('/api/live/stream', { headers: headers(), cache: 'no-store' });
  } catch (e) {
    return retry();
  }
  if (response.status === 401) {
    askForKey(sessionStorage.getItem(KEY_STORE) ? 'That key was not accepted.' : '');
    return;
  }
  if (!response.ok || !response.body) return retry();
  $('keyform').hidden = true;
  retryMs = 1000;
  setConn('live', 'live');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        onEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (e) {
    // the bridge went away: retry below
  }
  retry();
}

function retry() {
  setConn('retrying', 'reconnecting');
  setTimeout(connect, retryMs);
  retryMs = Math.min(retryMs * 2, 10000);
}

function onEvent(block) {
  let name = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trimStart();
  }
  if (name === 'snapshot' && data) render(JSON.parse(data));
}

function askForKey(error) {
  setConn('key', 'key needed');
  $('keyform').hidden = false;
  $('key-error').textContent = error;
  $('key').focus();
}

function render(s) {
  $('version').textContent = /^\d/.test(s.bridge.version) ? 'v' + s.bridge.version : s.bridge.version;
  $('uptime').textContent = duration(s.bridge.uptimeMs);
  renderKpis(s);
  renderActive(s.active);
  renderBackends(s.backends);
  renderRecent(s.recent);
}

function renderKpis(s) {
  const live = s.rates.liveOutputTokensPerSecond ?? 0;
  $('k-live').textContent = dec(live);
  $('k-avg').textContent = dec(s.rates.outputTokensPerSecond);
  drawSpark(s.rates.outputTokensPerSecondHistory || []);
  $('k-ttft50').textContent = s.ttftMs.p50 ? int(s.ttftMs.p50) : '–';
  $('k-ttft90').textContent = s.ttftMs.p90 ? int(s.ttftMs.p90) : '–';
  const cache = s.cacheHitRate * 100;
  $('k-cache').textContent = s.totals.inputTokens + s.totals.cacheReadTokens ? dec(cache) : '–';
  $('k-cache-bar').style.width = Math.min(100, cache) + '%';
  $('k-cached').textContent = int(s.totals.cacheReadTokens);
  $('k-requests').textContent = int(s.totals.requests);
  $('k-rpm').textContent = int(s.rates.requestsPerMinute);
  $('k-errors').textContent = int(s.totals.errors);
  $('k-hangups').textContent = int(s.totals.hangups);
  $('k-in').textContent = int(s.totals.inputTokens);
  $('k-out').textContent = int(s.totals.outputTokens);
  $('k-cached2').textContent = int(s.totals.cacheReadTokens);
}

// The last 60 whole seconds of output tokens, as a line scaled to the busiest second.
function drawSpark(history) {
  if (history.length < 2) return;
  const max = Math.max(1, ...history);
  const step = 200 / (history.length - 1);
  const points = history.map((v, i) => [i * step, 38 - (v / max) * 34]);
  const line = points.map((p, i) => (i ? 'L' : 'M') + p[0].toFixed(1) + ' ' + p[1].toFixed(1)).join(' ');
  $('spark-line').setAttribute('d', line);
  $('spark-fill').setAttribute('d', line + ` L200 40 L${points[0][0].toFixed(1)} 40 Z`);
}

function gauge(prompt, output, nCtx) {
  const wrap = el('div', 'ctx');
  const bar = el('div', 'gauge');
  const p = el('span', 'prompt');
  const o = el('span', 'output');
  bar.append(p, o);
  const text = el('div', 'ctx-text');
  if (nCtx > 0) {
    const share = prompt / nCtx;
    p.style.width = Math.min(100, share * 100) + '%';
    o.style.width = Math.min(100 - Math.min(100, share * 100), (output / nCtx) * 100) + '%';
    bar.classList.toggle('hot', share >= 0.75 && share < 0.9);
    bar.classList.toggle('full', share >= 0.9);
    text.textContent = `${int(prompt)} + ${int(output)} / ${int(nCtx)} (${Math.round(((prompt + output) / nCtx) * 100)}%)`;
  } else {
    text.textContent = prompt > 0 ? `${int(prompt)} prompt tokens · n_ctx unknown` : 'counting the prompt';
  }
  wrap.append(bar, text);
  return wrap;
}

function renderActive(active) {
  const box = $('active');
  $('active-count').textContent = active.length;
  $('active-empty').hidden = active.length > 0;
  for (const row of [...box.querySelectorAll('.req')]) row.remove();
  for (const r of active) {
    const row = el('div', 'req');
    row.dataset.id = r.id;
    const phase = el('span', 'phase', r.phase);
    phase.dataset.phase = r.phase;
    const who = el('div', 'who');
    who.append(el('b', null, r.model || '…'), el('span', null, `${r.requestedModel || ''} · ${r.stream ? 'stream' : 'whole'} · ${r.id}`));
    const speed = el('div', 'speed');
    if (r.phase === 'generating') {
      speed.append(el('b', null, dec(r.tokensPerSecond)), el('span', null, `tok/s · ${duration(r.ageMs)}`));
    } else {
      speed.append(el('b', null, duration(r.ageMs)), el('span', null, 'waiting'));
    }
    row.append(phase, who, gauge(r.promptTokens, r.outputTokens, r.nCtx), speed);
    box.append(row);
  }
}

function renderBackends(backends) {
  const box = $('backends');
  box.replaceChildren();
  if (!backends.length) box.append(el('div', 'empty', 'No backend configured'));
  for (const b of backends) {
    const card = el('div', 'backend');
    const row1 = el('div', 'row1');
    const state = el('span', 'state', b.state);
    state.dataset.state = b.state;
    row1.append(el('span', 'model', b.model || b.kind), state);
    const dl = el('dl');
    for (const [k, v] of [['kind', b.kind], ['slots', b.slots || '?'], ['n_ctx', b.nCtx ? int(b.nCtx) : '?']]) {
      const cell = el('div');
      cell.append(el('dt', null, k), el('dd', null, v));
      dl.append(cell);
    }
    card.append(row1, el('div', 'url', b.url), dl);
    box.append(card);
  }
}

function renderRecent(recent) {
  const body = $('recent');
  $('recent-empty').hidden = recent.length > 0;
  const rows = recent.map((r) => {
    const tr = el('tr');
    tr.dataset.id = r.id;
    const when = new Date(r.endedAt).toLocaleTimeString('en-GB', { hour12: false });
    const model = el('td');
    model.append(document.createTextNode(r.requestedModel || '–'), el('span', 'arrow', ' → '),
      document.createTextNode(r.model || '–'));
    model.title = `${r.requestedModel || ''} → ${r.model || ''} (${r.id})`;
    const ctx = r.nCtx > 0 ? `${int(r.promptTokens)} / ${int(r.nCtx)}` : r.promptTokens ? int(r.promptTokens) : '–';
    const outcome = el('td');
    const badge = el('span', 'outcome', r.outcome === 'hung_up' ? 'hung up' : r.outcome);
    badge.dataset.outcome = r.outcome;
    outcome.append(badge, el('span', 'outcome-detail', r.stopReason || r.message || r.errorType || ''));
    if (r.message) outcome.title = r.message;
    const cells = [el('td', null, when), model, el('td', null, ctx), el('td', 'num', int(r.cachedTokens)),
      el('td', 'num', int(r.outputTokens)), el('td', 'num', r.ttftMs ? int(r.ttftMs) + ' ms' : '–'),
      el('td', 'num', r.tokensPerSecond ? dec(r.tokensPerSecond) : '–'), el('td', 'num', duration(r.durationMs)),
      outcome];
    tr.append(...cells);
    return tr;
  });
  body.replaceChildren(...rows);
}

document.addEventListener('DOMContentLoaded', () => {
  $('keyform').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('key').value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY_STORE, key);
    $('key').value = '';
    $('keyform').hidden = true;
    setConn('connecting', 'connecting');
    connect();
  });
  connect();
});
