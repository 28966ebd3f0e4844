// CustomsFn compliance dashboard: a list of processed documents with filters and status counts, a document view
// with the page and its evidence boxes, fields, findings, duty estimate, review form and audit history, and the
// shipments (their documents, reconciliation findings and verdict), linked both ways with their documents.
// Goods lines are numbered from 1 everywhere on screen (the result contract's paths, lines[0], count from 0).
// Plain ES modules, no framework, nothing from a CDN: pdf.js is served from ./vendor/pdfjs (npm pdfjs-dist).
// The API key travels in the x-functions-key header (an Azure function key, or the local host's Api__Key).

const view = document.getElementById('view');
const message = document.getElementById('message');
const KEY = 'customsfn.apiKey';
const STATUSES = ['accepted', 'needs-review', 'rejected'];
const VERDICTS = ['inconsistent', 'needs-review', 'incomplete', 'consistent'];

// ---- key --------------------------------------------------------------------------------------------------------
(function takeKeyFromFragment() {
  const m = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search + '#/');
  }
})();
const keyInput = document.getElementById('api-key');
keyInput.value = sessionStorage.getItem(KEY) || '';
document.getElementById('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(KEY, keyInput.value.trim());
  identity = loadIdentity();
  route();
});

// ---- who is signed in -------------------------------------------------------------------------------------------
// GET /api/me: the principal App Service authentication (Entra ID) vouches for, or the local development sign-in's;
// the reviewer is that principal, and recording a review needs its reviewer role. Without a principal the API key
// alone works as before (the reviewer names themself).
let identity = loadIdentity();

async function loadIdentity() {
  const who = document.getElementById('who');
  let me = null;
  try {
    me = await (await api('me')).json();
  } catch {
    who.replaceChildren();
    return null;
  }
  if (me.signedIn) {
    put(who, el('span', { id: 'who-name' }, me.name),
      me.reviewerRole && me.roles.includes(me.reviewerRole) ? el('span', { class: 'role', id: 'who-role' }, me.reviewerRole) : null,
      me.signOutUrl ? el('a', { id: 'sign-out', href: me.signOutUrl }, 'Sign out') : null);
  } else {
    who.replaceChildren(me.signInUrl ? el('a', { id: 'sign-in', href: me.signInUrl }, 'Sign in') : '');
  }
  return me;
}

// ---- helpers ----------------------------------------------------------------------------------------------------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** replaceChildren without the "null" a DOM call would print for an absent child. */
function put(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
}
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function showMessage(text, isError = false) {
  message.hidden = !text;
  message.textContent = text || '';
  message.className = 'message' + (isError ? ' error' : '');
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, options = {}) {
  const headers = { 'x-functions-key': sessionStorage.getItem(KEY) || '', ...(options.headers || {}) };
  const response = await fetch('../' + path, { ...options, headers });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem);
  }
  return response;
}

const badge = (status) => el('span', { class: 'badge ' + status, dataset: { status } }, status);
const fmtTime = (iso) => iso ? iso.replace('T', ' ').replace('Z', ' UTC') : '';
const fmtNumber = (n) => typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 4 }) : String(n ?? '');
const verdictBadge = (verdict) => el('span', { class: 'badge verdict-' + verdict, dataset: { verdict } }, verdict);
const fmtMoney = (value, currency) => typeof value === 'number'
  ? value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + (currency ? ' ' + currency : '') : '';
const fileName = (sourceName) => (sourceName || '').split('/').pop();

const TYPE_NAMES = {
  'commercial-invoice': 'Invoice', 'credit-note': 'Credit note', 'packing-list': 'Packing list', 'customs-declaration': 'Declaration',
  'certificate-of-origin': 'Certificate of origin', 'bill-of-lading': 'Bill of lading', waybill: 'Waybill',
};
/** "Invoice RHW-2026-00417": the document's type and number as a person names it. */
function docTitle(type, number) {
  const name = TYPE_NAMES[type] || (type && type !== 'unknown' ? type[0].toUpperCase() + type.slice(1).replace(/-/g, ' ') : 'Document');
  return number ? `${name} ${number}` : name;
}

/** A result's own number (invoice, document or declaration) and value, as the API's list digest takes them. */
const docNumber = (fields) => fields?.invoiceNumber?.value ?? fields?.documentNumber?.value ?? fields?.declarationNumber?.value;
const docValue = (fields) => fields?.totalAmount?.value ?? fields?.taxExclusiveAmount?.value ?? fields?.customsValue?.value;

/** A path into a result, for people: "lines[1].quantity" is "line 2 · quantity" (one numbering, from 1). */
function describePath(path) {
  const m = /^lines\[(\d+)\]\.(\w+)$/.exec(path || '');
  return m ? `line ${Number(m[1]) + 1} · ${m[2]}` : (path || '');
}

const severityRank = { error: 0, warning: 1, info: 2 };
function worstOf(findings) {
  return [...(findings || [])].sort((a, b) => severityRank[a.severity] - severityRank[b.severity])[0] || null;
}
const findingBrief = (f) => f ? el('span', { class: 'worst', title: f.message }, el('span', { class: 'sev ' + f.severity }, f.severity), ' ',
  el('span', { class: 'rule' }, f.rule), ' ', el('span', { class: 'msg' }, f.message)) : el('span', { class: 'muted' }, 'none');

function explain(error) {
  if (error instanceof ApiError && error.status === 401) return 'Enter the API key (x-functions-key) above: ' + error.message;
  if (error instanceof ApiError && error.problem?.errors) {
    return Object.entries(error.problem.errors).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ');
  }
  return error.message || String(error);
}

// ---- routing ----------------------------------------------------------------------------------------------------
window.addEventListener('hashchange', route);
route();

function route() {
  showMessage('');
  const hash = location.hash || '#/';
  const doc = /^#\/doc\/([0-9a-f]{64})/.exec(hash);
  const shipment = /^#\/shipment\/([A-Za-z0-9][A-Za-z0-9._-]{0,127})$/.exec(hash);
  document.getElementById('nav-shipments').classList.toggle('active', /^#\/shipment/.test(hash));
  document.getElementById('nav-documents').classList.toggle('active', !/^#\/shipment/.test(hash));
  if (doc) return showDocument(doc[1]);
  if (shipment) return showShipment(shipment[1]);
  if (/^#\/shipments/.test(hash)) return showShipments(new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : ''));
  const query = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  return showList(query);
}

// ---- list -------------------------------------------------------------------------------------------------------
async function showList(query) {
  const field = (id, label, input) => el('label', { for: id }, label, input);
  const status = el('select', { id: 'f-status' }, el('option', { value: '' }, 'any'), STATUSES.map((s) => el('option', { value: s }, s)));
  const from = el('input', { id: 'f-from', type: 'date' });
  const to = el('input', { id: 'f-to', type: 'date' });
  const seller = el('input', { id: 'f-seller', placeholder: 'name or its start' });
  const hs = el('input', { id: 'f-hs', placeholder: 'e.g. 8471', inputmode: 'numeric' });
  status.value = query.get('status') || '';
  from.value = query.get('from') || '';
  to.value = query.get('to') || '';
  seller.value = query.get('seller') || '';
  hs.value = query.get('hsCode') || '';
  const page = Number(query.get('page') || '1');

  const apply = (overrides = {}) => {
    const q = new URLSearchParams();
    const values = { from: from.value, to: to.value, status: status.value, seller: seller.value.trim(), hsCode: hs.value.trim(), ...overrides };
    for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
    location.hash = '#/?' + q.toString();
  };
  const form = el('form', { class: 'filters', id: 'filters', onsubmit: (e) => { e.preventDefault(); apply(); } },
    field('f-from', 'from', from), field('f-to', 'to', to), field('f-status', 'status', status),
    field('f-seller', 'seller', seller), field('f-hs', 'HS code', hs),
    el('button', { id: 'f-apply', type: 'submit' }, 'Apply'),
    el('button', { type: 'button', class: 'secondary', onclick: () => { location.hash = '#/'; } }, 'Clear'),
    el('button', { type: 'button', class: 'secondary', id: 'export', onclick: () => exportCsv(from.value, to.value) }, 'Export CSV'));
  const upload = uploadForm();
  const counts = el('div', { class: 'counts', id: 'counts' });
  const body = el('tbody');
  const table = el('table', { id: 'results', class: 'cards' },
    el('thead', {}, el('tr', {}, ['document', 'seller → buyer', 'value', 'status', 'worst finding', 'processed', 'version'].map((h, i) => el('th', { class: i >= 5 ? 'opt' : null }, h)))),
    body);
  const pager = el('div', { class: 'pager' });
  view.replaceChildren(el('section', { class: 'panel' }, el('h2', {}, 'Processed documents'), form, counts, el('div', { class: 'table-wrap' }, table), pager), upload);

  const q = new URLSearchParams();
  for (const k of ['from', 'to', 'status', 'seller', 'hsCode', 'page']) if (query.get(k)) q.set(k, query.get(k));
  let data;
  try {
    data = await (await api('results?' + q.toString())).json();
  } catch (error) {
    showMessage(explain(error), true);
    return;
  }
  counts.replaceChildren(...STATUSES.map((s) => el('button', {
    type: 'button', class: 'count' + (query.get('status') === s ? ' active' : ''), dataset: { status: s },
    onclick: () => apply({ status: query.get('status') === s ? '' : s }),
  }, badge(s), el('b', {}, data.counts[s] ?? 0))));
  if (data.truncated) showMessage('More records than one request reads: narrow the date range.');
  if (data.items.length === 0) body.append(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No documents match.')));
  for (const item of data.items) {
    const d = item.document || {};
    const c = item.findingCounts || { error: 0, warning: 0, info: 0 };
    const open = () => { location.hash = '#/doc/' + item.documentId; };
    body.append(el('tr', { class: 'clickable', dataset: { id: item.documentId, status: item.status }, onclick: open },
      el('td', {}, el('a', { class: 'doc-title', href: '#/doc/' + item.documentId }, item.document ? docTitle(d.documentType, d.documentNumber) : fileName(item.sourceName)),
        el('div', { class: 'src' }, [fileName(item.sourceName), d.issueDate, (item.hsCodes || []).length ? 'HS ' + item.hsCodes.join(' ') : null].filter(Boolean).join(' · '))),
      el('td', { class: 'parties' }, d.sellerName || item.sellerKey || '—', d.buyerName ? el('div', { class: 'muted' }, '→ ', d.buyerName) : null),
      el('td', { class: 'value' }, fmtMoney(d.value, d.currency)),
      el('td', {}, badge(item.status), item.status !== item.processedStatus ? el('div', { class: 'muted' }, 'was ', item.processedStatus) : null),
      el('td', { class: 'worst-cell', title: `${c.error} errors, ${c.warning} warnings, ${c.info} info` }, findingBrief(d.worstFinding)),
      el('td', { class: 'opt' }, fmtTime(item.processedAt)),
      el('td', { class: 'opt' }, 'v' + item.version, item.reviewer ? el('div', { class: 'muted' }, item.reviewer) : null)));
  }
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  pager.replaceChildren(
    el('button', { class: 'secondary', disabled: page <= 1, onclick: () => apply({ page: String(page - 1) }) }, '‹ previous'),
    el('span', { class: 'muted' }, `page ${data.page} of ${pages} · ${data.total} documents · ${data.from} to ${data.to}`),
    el('button', { class: 'secondary', disabled: page >= pages, onclick: () => apply({ page: String(page + 1) }) }, 'next ›'));
}

async function exportCsv(from, to) {
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  try {
    const blob = await (await api('export.csv?' + q.toString())).blob();
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: 'customsfn-audit.csv' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  } catch (error) {
    showMessage(explain(error), true);
  }
}

function uploadForm() {
  const file = el('input', { type: 'file', id: 'upload-file' });
  const destination = el('input', { id: 'upload-destination', placeholder: 'destination (optional, e.g. US)', maxlength: 2, size: 6 });
  const result = el('div', { class: 'muted', id: 'upload-result' });
  const form = el('form', {
    class: 'filters', onsubmit: async (e) => {
      e.preventDefault();
      const f = file.files[0];
      if (!f) return;
      const q = new URLSearchParams({ name: f.name.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'upload' });
      if (destination.value.trim()) q.set('destination', destination.value.trim().toUpperCase());
      try {
        const accepted = await (await api('documents?' + q.toString(), { method: 'POST', body: f })).json();
        result.replaceChildren('Uploaded: ', el('a', { href: '#/doc/' + accepted.documentId }, accepted.documentId.slice(0, 16) + '…'), ' (processing; refresh in a moment)');
      } catch (error) {
        result.textContent = explain(error);
      }
    },
  }, file, destination, el('button', { type: 'submit' }, 'Upload'), result);
  return el('section', { class: 'panel' }, el('h2', {}, 'Upload a document'), form);
}

// ---- document ---------------------------------------------------------------------------------------------------
async function showDocument(id) {
  view.replaceChildren(el('p', { class: 'muted' }, 'Loading ', id.slice(0, 16), '…'));
  let result, history;
  try {
    [result, history] = await Promise.all([api('results/' + id).then((r) => r.json()), api(`results/${id}/audit`).then((r) => r.json())]);
  } catch (error) {
    view.replaceChildren(el('p', {}, el('a', { href: '#/' }, '‹ all documents')));
    showMessage(explain(error), true);
    return;
  }

  const evidence = collectEvidence(result);
  const viewer = el('section', { class: 'panel viewer', id: 'viewer' }, el('h2', {}, 'Original'), el('p', { class: 'muted' }, 'Loading the upload…'));
  const statusHolder = el('span', { id: 'doc-status' });
  const number = docNumber(result.fields);
  const shipmentHolder = el('section', { class: 'panel', id: 'doc-shipment' }, el('h2', {}, 'Shipment'), el('p', { class: 'muted' }, 'Looking…'));
  const head = el('div', { class: 'doc-head' },
    el('a', { href: '#/' }, '‹ all documents'),
    el('h1', { id: 'doc-title' }, docTitle(result.documentType, number)),
    statusHolder,
    el('span', { class: 'muted' }, `${fileName(result.source.name)} · ${result.format}${result.language ? ' · ' + result.language : ''} · processed ${fmtTime(result.processedAt)}`));
  const findings = findingsPanel(result, evidence);
  const fields = fieldsPanel(result, evidence);
  const historyList = el('ol', { class: 'history', id: 'history' });
  const side = el('div', {},
    shipmentHolder,
    findings,
    fields,
    linesPanel(result, evidence),
    dutyPanel(result),
    reviewPanel(id, async () => renderHistory(await (await api(`results/${id}/audit`)).json())),
    el('section', { class: 'panel' }, el('h2', {}, 'Audit history'), historyList),
    versionsPanel(result));
  view.replaceChildren(head, el('div', { class: 'doc-grid' }, viewer, side));

  function renderHistory(h) {
    statusHolder.replaceChildren(badge(h.status), h.status !== h.processedStatus ? el('span', { class: 'muted' }, ` (processed: ${h.processedStatus}) `) : ' ',
      el('span', { class: 'muted', id: 'doc-version' }, 'version ' + h.version));
    historyList.replaceChildren(...h.records.map((r) => el('li', { dataset: { kind: r.kind } },
      el('b', {}, r.kind), ' · ', fmtTime(r.at), r.status ? [' · ', badge(r.status)] : null,
      r.reviewer ? [' · by ', el('span', { class: 'reviewer' }, r.reviewer)] : null,
      r.reason ? el('div', { class: 'reason' }, r.reason) : null,
      r.kind !== 'review' && r.findingCounts ? el('div', { class: 'muted' }, `${r.findingCounts.error} errors, ${r.findingCounts.warning} warnings, ${r.findingCounts.info} info · ${r.sourceName}`) : null)));
  }
  renderHistory(history);
  showShipmentOf(id, shipmentHolder);
  await renderSource(id, result, evidence, viewer);
}

/** Every place that has evidence: fields, line fields and findings, keyed "field:name", "line:i:name", "finding:i". */
function collectEvidence(result) {
  const map = new Map();
  for (const [name, f] of Object.entries(result.fields || {})) if (f.source) map.set('field:' + name, f.source);
  (result.lines || []).forEach((line, i) => {
    for (const [name, f] of Object.entries(line)) if (f.source) map.set(`line:${i}:${name}`, f.source);
  });
  (result.findings || []).forEach((finding, i) => {
    const source = finding.source || sourceOfPath(result, finding.path);
    if (source) map.set('finding:' + i, source);
  });
  return map;
}

function sourceOfPath(result, path) {
  if (!path) return null;
  const m = /^lines\[(\d+)\]\.(\w+)$/.exec(path);
  if (m) return result.lines?.[Number(m[1])]?.[m[2]]?.source || null;
  return result.fields?.[path]?.source || null;
}

function describeSource(s) {
  if (!s) return 'no source';
  // The place itself is shown: selecting the item highlights it on the page (coordinates stay in the result JSON).
  if (s.box) return `page ${s.page || 1}, highlighted on the page`;
  if (s.path) return `${s.path}${s.line ? ' · source line ' + s.line : ''}`;
  return '';
}

let selectEvidence = () => {};

function findingsPanel(result, evidence) {
  const list = el('ul', { class: 'findings', id: 'findings' });
  (result.findings || []).forEach((f, i) => {
    const key = 'finding:' + i;
    list.append(el('li', { class: 'finding clickable', dataset: { key, rule: f.rule }, onclick: () => selectEvidence(key) },
      el('span', { class: 'rule' }, f.rule), ' ', el('span', { class: 'sev ' + f.severity }, f.severity), ' ',
      el('span', { class: 'src' }, describePath(f.path)),
      el('div', { class: 'msg' }, f.message),
      f.reference ? el('div', { class: 'ref' }, 'reference: ', f.reference) : null,
      el('div', { class: 'src' }, evidence.has(key) ? 'evidence: ' + describeSource(evidence.get(key)) : 'no evidence location')));
  });
  if (!result.findings?.length) list.append(el('li', { class: 'muted' }, 'No findings.'));
  return el('section', { class: 'panel' }, el('h2', {}, `Findings (${result.findings?.length || 0})`), list);
}

function confidence(c) {
  if (c === null || c === undefined) return el('span', { class: 'conf muted', title: 'nothing was scored (exact structured input)' }, 'not scored');
  const pct = Math.round(c * 100);
  return el('span', { class: 'conf', title: 'extractor confidence ' + c },
    el('span', { class: 'meter ' + (c < 0.6 ? 'low' : c < 0.85 ? 'mid' : '') }, el('i', { style: `width:${pct}%` })), el('span', { class: 'pct' }, pct + '%'));
}

// ---- sanctions screening ----------------------------------------------------------------------------------------
// SANC-001 (possible match, a warning) and SANC-002 (strong match, an error) name the party field in their path; the
// finding's sanctionsMatch is the list entry as data. Results written before it was added have only the message.
const SANCTIONS = { 'SANC-001': { label: 'possible sanctions match', severity: 'warning' }, 'SANC-002': { label: 'strong sanctions match', severity: 'error' } };
const NAME_KINDS = { primary: 'primary name', 'strong-alias': 'strong alias', 'weak-alias': 'weak alias', 'original-script': 'original script' };

/** Party field name -> its screening findings, each with its index (the evidence key). */
function sanctionsByField(result) {
  const map = new Map();
  (result.findings || []).forEach((f, i) => {
    if (!SANCTIONS[f.rule]) return;
    if (!map.has(f.path)) map.set(f.path, []);
    map.get(f.path).push({ finding: f, index: i });
  });
  return map;
}

const fmtScore = (n) => typeof n === 'number' ? n.toFixed(2) : '';
const sanctionsBadge = (rule) => el('span', { class: 'sanctions-badge ' + SANCTIONS[rule].severity, dataset: { rule } }, '⚠ ' + SANCTIONS[rule].label);

/** The list entry a party matched: list, entry id, primary name, programme, matched name and kind, score, reasons. */
function sanctionsEntry(field, { finding, index }) {
  const m = finding.sanctionsMatch;
  const row = (name, ...value) => [el('dt', {}, name), el('dd', { dataset: { item: name } }, ...value)];
  const body = m
    ? el('dl', { class: 'kv sanctions-list-entry' },
      row('list', m.list),
      row('entry', m.entryId),
      row('primary name', m.primaryName),
      row('programme', m.programme || '—'),
      row('type', m.entryType),
      row('matched name', m.matchedName, ' ', el('span', { class: 'muted' }, '(' + (NAME_KINDS[m.matchedNameKind] || m.matchedNameKind) + ')')),
      m.matchedIdentifier ? row('identifier', m.matchedIdentifier) : null,
      m.countries?.length ? row('countries', m.countries.join(', ')) : null,
      row('score', fmtScore(m.score)),
      row('reasons', el('ul', { class: 'reasons' }, (m.reasons || []).map((r) => el('li', {}, r)))),
      m.also?.length ? row('also resembles', m.also.map((o) => `${o.entryId} ${o.primaryName} (${o.list}, ${fmtScore(o.score)})`).join('; ')) : null)
    : el('div', { class: 'msg' }, finding.message);
  const key = 'finding:' + index;
  return el('div', { class: 'sanctions-entry ' + SANCTIONS[finding.rule].severity, dataset: { field, rule: finding.rule, key }, onclick: () => selectEvidence(key) },
    el('div', { class: 'sanctions-head' }, el('span', { class: 'rule' }, finding.rule), ' ', el('span', { class: 'sev ' + finding.severity }, finding.severity),
      ' · ', m ? 'list entry matched by ' : '', el('span', { class: 'src' }, field)), body);
}

function fieldsPanel(result, evidence) {
  const body = el('tbody');
  const screened = sanctionsByField(result);
  for (const [name, f] of Object.entries(result.fields || {})) {
    const key = 'field:' + name;
    const hits = screened.get(name) || [];
    body.append(el('tr', { class: 'field' + (hits.length ? ' sanctioned' : ''), dataset: { key, field: name }, onclick: () => selectEvidence(key) },
      el('td', {}, name), el('td', {}, fmtNumber(f.value), hits.map((h) => el('div', {}, sanctionsBadge(h.finding.rule)))),
      el('td', {}, confidence(f.confidence)), el('td', { class: 'src' }, describeSource(f.source))));
    // The list entry right under the party it matched, across the table.
    for (const h of hits) {
      body.append(el('tr', { class: 'sanctions-row', dataset: { field: name } },
        el('td', { colspan: 4 }, sanctionsEntry(name, h))));
    }
  }
  return el('section', { class: 'panel' }, el('h2', {}, 'Fields'),
    el('div', { class: 'table-wrap' }, el('table', { id: 'fields' }, el('thead', {}, el('tr', {}, ['field', 'value', 'confidence', 'source'].map((h) => el('th', {}, h)))), body)));
}

function linesPanel(result, evidence) {
  if (!result.lines?.length) return null;
  const names = [...new Set(result.lines.flatMap((l) => Object.keys(l)))];
  const body = el('tbody');
  result.lines.forEach((line, i) => {
    body.append(el('tr', {}, el('td', {}, String(i + 1)), names.map((n) => {
      const f = line[n];
      if (!f) return el('td', {});
      const key = `line:${i}:${n}`;
      return el('td', { class: 'field clickable', dataset: { key }, title: `confidence: ${f.confidence ?? 'not scored'} · ${describeSource(f.source)}`, onclick: () => selectEvidence(key) },
        fmtNumber(f.value), f.confidence !== null && f.confidence !== undefined ? el('div', { class: 'src' }, Math.round(f.confidence * 100) + '%') : null);
    })));
  });
  return el('section', { class: 'panel' }, el('h2', {}, 'Lines'),
    el('div', { style: 'overflow-x:auto' }, el('table', { id: 'lines' }, el('thead', {}, el('tr', {}, el('th', {}, '#'), names.map((n) => el('th', {}, n)))), body)));
}

function dutyPanel(result) {
  const d = result.duties;
  if (!d) return el('section', { class: 'panel', id: 'duties' }, el('h2', {}, 'Duty estimate'), el('p', { class: 'muted' }, 'No estimate (destination or tariff data missing).'));
  const body = el('tbody', {}, (d.lines || []).map((l) => el('tr', {},
    el('td', {}, String(l.line + 1)), el('td', {}, l.hsCode || ''), el('td', {}, fmtNumber(l.customsValue)), el('td', {}, l.rate || ''),
    el('td', {}, l.duty === undefined ? '' : fmtNumber(l.duty)), el('td', { class: 'ref' }, [l.note, l.reference].filter(Boolean).join(' · ')))));
  return el('section', { class: 'panel', id: 'duties' }, el('h2', {}, 'Duty estimate'),
    el('dl', { class: 'kv' },
      el('dt', {}, 'destination'), el('dd', {}, `${d.destination} (${d.basis})`),
      tariffEdition(result),
      el('dt', {}, 'customs value'), el('dd', {}, `${fmtNumber(d.customsValue)} ${d.currency}`),
      el('dt', {}, 'total duty'), el('dd', { id: 'total-duty' }, el('b', {}, `${fmtNumber(d.totalDuty)} ${d.currency}`)),
      d.totalVat !== undefined ? [el('dt', {}, 'total VAT'), el('dd', {}, `${fmtNumber(d.totalVat)} ${d.currency}`)] : null),
    d.lines?.length ? el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, el('tr', {}, ['line', 'HS', 'value', 'rate', 'duty', 'note'].map((h) => el('th', {}, h)))), body)) : null);
}

function versionsPanel(result) {
  return el('section', { class: 'panel' }, el('h2', {}, 'Versions'), el('dl', { class: 'kv' },
    el('dt', {}, 'document id'), el('dd', { class: 'src' }, result.documentId),
    el('dt', {}, 'extractor'), el('dd', {}, result.extractor ? `${result.extractor.name} ${result.extractor.version}` : '—'),
    el('dt', {}, 'ruleset'), el('dd', {}, result.versions?.ruleset || ''),
    el('dt', {}, 'tariffs'), el('dd', {}, (result.versions?.tariffs || []).join(', '))));
}

function reviewPanel(id, onReviewed) {
  const decision = el('select', { id: 'review-decision' }, el('option', { value: 'accepted' }, 'accept'), el('option', { value: 'rejected' }, 'reject'));
  const reason = el('textarea', { id: 'review-reason', placeholder: 'Why (required; recorded forever)', maxlength: 2000 });
  const reviewer = el('input', { id: 'review-reviewer', placeholder: 'Your name', maxlength: 200, value: sessionStorage.getItem('customsfn.reviewer') || '' });
  const error = el('div', { class: 'error-text', id: 'review-error' });
  const submit = el('button', { id: 'review-submit', type: 'submit' }, 'Record review');
  const as = el('div', { class: 'muted', id: 'review-as' });
  // Signed in: the reviewer is the principal (the API ignores a typed name), and the role decides whether one may review.
  identity.then((me) => {
    if (!me?.signedIn) return;
    reviewer.replaceWith(as);
    as.textContent = 'Reviewing as ' + me.name;
    if (!me.canReview) {
      submit.disabled = true;
      as.textContent = `Signed in as ${me.name}, without the ${me.reviewerRole} role: reviews need it.`;
    }
  });
  const form = el('form', {
    class: 'review-form', id: 'review-form', onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      submit.disabled = true;
      try {
        sessionStorage.setItem('customsfn.reviewer', reviewer.value.trim());
        await api(`results/${id}/review`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ decision: decision.value, reason: reason.value, ...(reviewer.isConnected ? { reviewer: reviewer.value } : {}) }),
        });
        reason.value = '';
        await onReviewed();
      } catch (err) {
        error.textContent = explain(err);
      } finally {
        submit.disabled = false;
      }
    },
  }, el('label', {}, 'Decision ', decision), reason, reviewer, submit, error);
  return el('section', { class: 'panel' }, el('h2', {}, 'Review'),
    el('p', { class: 'muted' }, 'A review is a new version: the original result stays as it was, the decision and its reason are appended to the audit trail.'), form);
}

// ---- the original page with evidence boxes ----------------------------------------------------------------------
async function renderSource(id, result, evidence, viewer) {
  const mediaType = result.source.mediaType;
  const note = el('div', { class: 'evidence-note', id: 'evidence-note' });
  let selected = null;
  let showPage = async () => {};
  let currentPage = 1;
  let pageCount = 1;
  const nav = el('div', { class: 'page-nav' });
  const holder = el('div', { class: 'page', id: 'page' });
  const boxes = el('div', { class: 'boxes', id: 'boxes' });
  let toPixels = null; // (source) => [left, top, width, height] on the displayed page, or null

  selectEvidence = async (key) => {
    selected = key;
    document.querySelectorAll('.selected').forEach((n) => n.classList.remove('selected'));
    document.querySelectorAll(`[data-key="${CSS.escape(key)}"]`).forEach((n) => n.classList.add('selected'));
    const source = evidence.get(key);
    if (!source) { note.textContent = 'No evidence location for this item.'; return; }
    note.textContent = 'Evidence: ' + describeSource(source);
    if (source.page && source.page !== currentPage) await showPage(source.page);
    else drawBoxes();
    const target = viewer.querySelector('.box.selected, .line.selected');
    if (target) target.scrollIntoView({ block: 'nearest' });
  };

  function drawBoxes() {
    if (!toPixels) return;
    boxes.replaceChildren();
    for (const [key, source] of evidence) {
      if (!source.box || (source.page || 1) !== currentPage) continue;
      const r = toPixels(source);
      if (!r) continue;
      boxes.append(el('div', {
        class: 'box' + (key === selected ? ' selected' : ''), dataset: { key }, title: key,
        style: `left:${r[0]}px;top:${r[1]}px;width:${Math.max(r[2], 2)}px;height:${Math.max(r[3], 2)}px`,
        onclick: () => selectEvidence(key),
      }));
    }
  }

  function renderNav() {
    nav.replaceChildren(
      el('button', { class: 'secondary', id: 'page-prev', disabled: currentPage <= 1, onclick: () => showPage(currentPage - 1) }, '‹'),
      el('span', { id: 'page-number' }, `page ${currentPage} of ${pageCount}`),
      el('button', { class: 'secondary', id: 'page-next', disabled: currentPage >= pageCount, onclick: () => showPage(currentPage + 1) }, '›'));
  }

  let response;
  try {
    response = await api(`results/${id}/source`);
  } catch (error) {
    viewer.replaceChildren(el('h2', {}, 'Original'), el('p', { class: 'muted' }, 'The upload cannot be shown: ' + explain(error)), note);
    return;
  }

  if (mediaType === 'application/pdf') {
    const data = new Uint8Array(await response.arrayBuffer());
    const pdfjs = await import('./vendor/pdfjs/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = new URL('./vendor/pdfjs/pdf.worker.min.mjs', import.meta.url).href;
    const pdf = await pdfjs.getDocument({
      data, isEvalSupported: false,
      standardFontDataUrl: new URL('./vendor/pdfjs/standard_fonts/', import.meta.url).href,
      cMapUrl: new URL('./vendor/pdfjs/cmaps/', import.meta.url).href, cMapPacked: true,
    }).promise;
    pageCount = pdf.numPages;
    const canvas = el('canvas', { id: 'page-canvas' });
    holder.replaceChildren(canvas, boxes);
    let task = null;
    showPage = async (n) => {
      currentPage = Math.min(Math.max(1, n), pageCount);
      renderNav();
      const page = await pdf.getPage(currentPage);
      const width = Math.min(Math.max(viewer.clientWidth - 30, 320), 900);
      const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      if (task) task.cancel();
      task = page.render({ canvas, viewport });
      try { await task.promise; } catch (e) { if (e?.name !== 'RenderingCancelledException') throw e; return; }
      const imageSize = await largestImage(pdfjs, page);
      toPixels = (s) => {
        let rect;
        if (s.unit === 'px') {
          // A scanned page: boxes are pixels of the page image, which covers the page.
          if (!imageSize) return null;
          const k = viewport.width / imageSize.width;
          rect = [s.box[0] * k, s.box[1] * k, s.box[2] * k, s.box[3] * k];
        } else {
          // PDF points from the bottom-left corner: pdf.js maps them (flip, rotation, scale).
          const [x0, y0, x1, y1] = viewport.convertToViewportRectangle(s.box);
          rect = [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
        }
        const k = canvas.clientWidth / canvas.width || 1;
        return [rect[0] * k, rect[1] * k, (rect[2] - rect[0]) * k, (rect[3] - rect[1]) * k];
      };
      drawBoxes();
      holder.dataset.rendered = String(currentPage);
    };
    viewer.replaceChildren(el('h2', {}, 'Original'), nav, holder, note);
    await showPage(1);
  } else if (mediaType === 'image/png' || mediaType === 'image/jpeg') {
    const url = URL.createObjectURL(await response.blob());
    const img = el('img', { id: 'page-image', alt: 'the uploaded image' });
    holder.replaceChildren(img, boxes);
    viewer.replaceChildren(el('h2', {}, 'Original'), holder, note);
    await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = url; });
    // Image boxes are pixels from the top-left corner of the image.
    toPixels = (s) => {
      const k = img.clientWidth / img.naturalWidth;
      return [s.box[0] * k, s.box[1] * k, (s.box[2] - s.box[0]) * k, (s.box[3] - s.box[1]) * k];
    };
    drawBoxes();
    holder.dataset.rendered = '1';
    window.addEventListener('resize', drawBoxes);
  } else if (mediaType === 'application/xml' || mediaType === 'application/edifact') {
    const text = await response.text();
    const lines = mediaType === 'application/edifact' ? text.split(/(?<=')\s*/) : text.split(/\r?\n/);
    const pre = el('pre', { class: 'source-text', id: 'source-text' }, lines.map((l, i) => el('span', { class: 'line', dataset: { line: String(i + 1) } }, l)));
    viewer.replaceChildren(el('h2', {}, mediaType === 'application/xml' ? 'Original XML' : 'Original EDIFACT'), pre, note);
    const base = selectEvidence;
    selectEvidence = async (key) => {
      await base(key);
      const s = evidence.get(key);
      if (s?.line) pre.querySelectorAll(`.line[data-line="${s.line}"]`).forEach((n) => { n.classList.add('selected'); n.scrollIntoView({ block: 'center' }); });
    };
  } else {
    viewer.replaceChildren(el('h2', {}, 'Original'),
      el('p', { class: 'muted' }, `${mediaType} cannot be shown by a browser; each field lists where its evidence is.`), note);
  }
}

/** The pixel size of the largest image painted on a PDF page (a scan), or null. */
async function largestImage(pdfjs, page) {
  const ops = await page.getOperatorList();
  let best = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
    const name = ops.argsArray[i][0];
    try {
      const img = (name.startsWith('g_') ? page.commonObjs : page.objs).get(name);
      if (img && (!best || img.width > best.width)) best = { width: img.width, height: img.height };
    } catch { /* not resolved */ }
  }
  return best;
}

// ---- tariff edition ---------------------------------------------------------------------------------------------
/**
 * The tariff edition(s) the duty lines were valued against (the first word of each line's reference, "uk-tariff-2022"),
 * flagged when an edition is older than the document: its year before the issue date's year, or rule TARIFF-007.
 */
function tariffEdition(result) {
  const editions = [...new Set((result.duties?.lines || []).map((l) => /^([a-z0-9]+(?:-[a-z0-9]+)*-(\d{4}))\b/.exec(l.reference || ''))
    .filter(Boolean).map((m) => m[1]))];
  if (!editions.length) return null;
  const issued = result.fields?.issueDate?.value;
  const year = issued ? Number(String(issued).slice(0, 4)) : null;
  const stale = result.findings?.find((f) => f.rule === 'TARIFF-007');
  const old = editions.filter((e) => year && Number(e.slice(-4)) < year);
  const flag = stale || old.length
    ? el('div', { class: 'flag', id: 'tariff-flag', title: stale?.message || '' },
      `⚠ older than the document${issued ? ' (issued ' + issued + ')' : ''}: rates may have changed since this edition`)
    : null;
  return [el('dt', {}, 'tariff edition'), el('dd', { id: 'tariff-edition' }, editions.join(', '), flag)];
}

// ---- shipments --------------------------------------------------------------------------------------------------
/** The shipment panel of a document: its shipment, verdict and siblings, or that it is in none. */
async function showShipmentOf(id, holder) {
  let page;
  try {
    page = await (await api('shipments?documentId=' + id)).json();
  } catch (error) {
    holder.replaceChildren(el('h2', {}, 'Shipment'), el('p', { class: 'muted' }, 'Unknown: ' + explain(error)));
    return;
  }
  const s = page.items[0];
  if (!s) {
    holder.replaceChildren(el('h2', {}, 'Shipment'), el('p', { class: 'muted', id: 'doc-shipment-none' },
      'In no shipment (none named at upload, and no invoice reference or parties matched another document yet).'));
    return;
  }
  put(holder, el('h2', {}, 'Shipment'),
    el('p', {}, el('a', { id: 'doc-shipment-link', href: '#/shipment/' + s.shipmentId }, s.shipmentId), ' ', verdictBadge(s.verdict),
      el('span', { class: 'muted' }, ` · ${plural(s.documentCount, 'document', 'documents')} · grouped by ${s.groupedBy}`)),
    s.worstFinding ? el('p', {}, findingBrief(s.worstFinding)) : null);
}

async function showShipments(query) {
  const verdict = query.get('verdict') || '';
  const page = Number(query.get('page') || '1');
  const go = (v, p) => { const q = new URLSearchParams(); if (v) q.set('verdict', v); if (p > 1) q.set('page', String(p)); location.hash = '#/shipments?' + q; };
  const counts = el('div', { class: 'counts', id: 'shipment-counts' });
  const body = el('tbody');
  const pager = el('div', { class: 'pager' });
  view.replaceChildren(el('section', { class: 'panel' }, el('h2', {}, 'Shipments'), counts,
    el('div', { class: 'table-wrap' }, el('table', { id: 'shipments', class: 'cards' },
      el('thead', {}, el('tr', {}, ['shipment', 'verdict', 'documents', 'worst finding', 'updated'].map((h, i) => el('th', { class: i === 4 ? 'opt' : null }, h)))), body)),
    pager));
  const q = new URLSearchParams();
  if (verdict) q.set('verdict', verdict);
  if (page > 1) q.set('page', String(page));
  let data;
  try {
    data = await (await api('shipments?' + q)).json();
  } catch (error) {
    showMessage(explain(error), true);
    return;
  }
  counts.replaceChildren(...VERDICTS.map((v) => el('button', {
    type: 'button', class: 'count' + (verdict === v ? ' active' : ''), dataset: { verdict: v }, onclick: () => go(verdict === v ? '' : v, 1),
  }, verdictBadge(v), el('b', {}, data.counts[v] ?? 0))));
  if (data.truncated) showMessage('More shipments are stored than one request lists; the newest are not necessarily all shown.');
  if (!data.items.length) body.append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No shipments.')));
  for (const s of data.items) {
    body.append(el('tr', { class: 'clickable', dataset: { id: s.shipmentId, verdict: s.verdict }, onclick: () => { location.hash = '#/shipment/' + s.shipmentId; } },
      el('td', {}, el('a', { href: '#/shipment/' + s.shipmentId }, s.shipmentId), el('div', { class: 'src' }, 'grouped by ' + s.groupedBy)),
      el('td', {}, verdictBadge(s.verdict)),
      el('td', {}, String(s.documentCount)),
      el('td', { class: 'worst-cell' }, findingBrief(s.worstFinding)),
      el('td', { class: 'opt' }, fmtTime(s.updatedAt))));
  }
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  pager.replaceChildren(
    el('button', { class: 'secondary', disabled: page <= 1, onclick: () => go(verdict, page - 1) }, '‹ previous'),
    el('span', { class: 'muted' }, `page ${data.page} of ${pages} · ${data.total} shipments`),
    el('button', { class: 'secondary', disabled: page >= pages, onclick: () => go(verdict, page + 1) }, 'next ›'));
}

/** One shipment: verdict, its documents (each linked to its own view) and the reconciliation findings with their evidence. */
async function showShipment(id) {
  view.replaceChildren(el('p', { class: 'muted' }, 'Loading shipment ', id, '…'));
  let s;
  try {
    s = await (await api('shipments/' + encodeURIComponent(id))).json();
  } catch (error) {
    view.replaceChildren(el('p', {}, el('a', { href: '#/shipments' }, '‹ all shipments')));
    showMessage(explain(error), true);
    return;
  }
  // Each document's own result names it as a person would (type and number, parties); its status now is in its audit.
  const details = await Promise.all(s.documents.map(async (d) => {
    try {
      const [result, audit] = await Promise.all([api('results/' + d.documentId).then((r) => r.json()), api(`results/${d.documentId}/audit`).then((r) => r.json())]);
      return { result, status: audit.status };
    } catch { return { result: null, status: d.status }; }
  }));
  const titles = new Map(s.documents.map((d, i) => {
    const f = details[i].result?.fields || {};
    return [d.documentId, docTitle(d.documentType, docNumber(f) ?? d.reference)];
  }));
  const docLink = (documentId) => el('a', { href: '#/doc/' + documentId }, titles.get(documentId) || documentId.slice(0, 12) + '…');

  const c = s.findingCounts;
  const head = el('div', { class: 'doc-head' },
    el('a', { href: '#/shipments' }, '‹ all shipments'),
    el('h1', { id: 'shipment-title' }, 'Shipment ', s.shipmentId),
    el('span', { id: 'shipment-verdict' }, verdictBadge(s.verdict)),
    el('span', { class: 'muted' }, `${plural(s.documents.length, 'document', 'documents')} · ${c.error} errors, ${c.warning} warnings, ${c.info} info · updated ${fmtTime(s.updatedAt)}`));
  const docs = el('tbody', {}, s.documents.map((d, i) => {
    const f = details[i].result?.fields || {};
    const value = docValue(f);
    return el('tr', { dataset: { id: d.documentId } },
      el('td', {}, docLink(d.documentId), el('div', { class: 'src' }, fileName(d.sourceName))),
      el('td', { class: 'parties' }, f.sellerName?.value || '—', f.buyerName?.value ? el('div', { class: 'muted' }, '→ ', f.buyerName.value) : null),
      el('td', { class: 'value' }, fmtMoney(value, f.currency?.value)),
      el('td', {}, badge(details[i].status)),
      el('td', { class: 'opt' }, d.joinedBy));
  }));
  const findings = el('ul', { class: 'findings', id: 'shipment-findings' }, s.findings.length ? s.findings.map((f) => el('li', { class: 'finding', dataset: { rule: f.rule } },
    el('span', { class: 'rule' }, f.rule), ' ', el('span', { class: 'sev ' + f.severity }, f.severity),
    el('div', { class: 'msg' }, f.message),
    f.reference ? el('div', { class: 'ref' }, 'reference: ', f.reference) : null,
    el('ul', { class: 'evidence' }, f.evidence.map((e) => el('li', {}, docLink(e.documentId), ' · ', describePath(e.path),
      e.value !== undefined ? [': ', el('b', {}, typeof e.value === 'object' ? JSON.stringify(e.value) : fmtNumber(e.value))] : ' (absent)'))))) :
    el('li', { class: 'muted' }, 'No findings: the documents tell the same story.'));
  const v = s.valuation;
  const valuation = v ? el('section', { class: 'panel', id: 'shipment-valuation' }, el('h2', {}, 'Customs value'), el('dl', { class: 'kv' },
    el('dt', {}, 'basis'), el('dd', {}, `${v.basis}${v.incoterm ? ' · ' + v.incoterm : ''}`),
    el('dt', {}, 'invoice value'), el('dd', {}, fmtMoney(v.invoiceValue, v.currency)),
    el('dt', {}, 'freight / insurance'), el('dd', {}, `${fmtMoney(v.freight, v.currency)} / ${fmtMoney(v.insurance, v.currency)}`),
    el('dt', {}, 'expected / declared'), el('dd', {}, `${fmtMoney(v.expected, v.currency)} / ${fmtMoney(v.declared, v.currency)}`))) : null;
  put(view, head,
    el('section', { class: 'panel' }, el('h2', {}, 'Documents'), el('div', { class: 'table-wrap' }, el('table', { id: 'shipment-documents', class: 'cards' },
      el('thead', {}, el('tr', {}, ['document', 'seller → buyer', 'value', 'status', 'joined by'].map((h, i) => el('th', { class: i === 4 ? 'opt' : null }, h)))), docs))),
    el('section', { class: 'panel' }, el('h2', {}, s.truncated ? `Reconciliation findings (${s.findings.length} of ${s.truncated.findings})` : `Reconciliation findings (${s.findings.length})`),
      // A large shipment's stored result keeps a sample of its findings (every rule represented) and counts them per rule.
      s.truncated ? el('p', { class: 'muted', id: 'shipment-truncated' }, `Showing ${s.findings.length} of ${s.truncated.findings} findings; all of them by rule: `,
        Object.entries(s.truncated.findingsByRule).map(([rule, n]) => `${rule} ${n}`).join(' · '), '.') : null,
      findings),
    valuation,
    el('section', { class: 'panel' }, el('h2', {}, 'Grouping'), el('p', {}, s.grouping.description),
      el('p', { class: 'muted' }, `ruleset ${s.ruleset} · line numbers count from 1`)));
}
