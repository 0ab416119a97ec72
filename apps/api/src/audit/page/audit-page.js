/*
 * The audit page's script. Plain browser JavaScript, no build step, served after page-kit.js (`pageKit`). It asks the api (this origin only) for a
 * contract's decisions and its lots' series, with the token the auditor gives: typed in the form, or passed in
 * the URL fragment (#token=…&contract=…), which never reaches a server and is cleared from the address bar.
 * Everything that comes from the data is put in the page as text (textContent, setAttribute), never as HTML.
 */
'use strict';

(() => {
  const { el, svgEl, Refused, Missing } = pageKit;
  const byId = (id) => document.getElementById(id);
  let token = '';

  /** 2026-03-02T09:00:00.000Z → "2026-03-02 09:00 UTC": the same for every reader, whatever their locale. */
  function moment(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }

  function figure(value) {
    return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  const api = (path) => pageKit.api(path, token);

  function status(text) {
    byId('status').textContent = text;
  }

  function reset() {
    byId('refusal').hidden = true;
    byId('refusal').replaceChildren();
    byId('contracts').hidden = true;
    byId('contract-list').replaceChildren();
    byId('audit').hidden = true;
    byId('timeline').replaceChildren();
    byId('lots').replaceChildren();
  }

  function refuse(reason) {
    reset();
    status('');
    const refusal = byId('refusal');
    refusal.append(
      el('h2', {}, 'Not shown'),
      el('p', { class: 'refusal-reason' }, reason),
      el('p', {}, 'Decision histories are shown to auditors and buyers of the contract’s Région only.'),
    );
    refusal.hidden = false;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Decision timeline.

  function grounds(why, causation) {
    const list = el('dl', { class: 'why' });
    const add = (term, value, kind) => {
      if (value === undefined || value === null || value === '') return;
      list.append(el('dt', {}, term), el('dd', { 'data-ground': kind }, value));
    };
    add('Clause', why.clauseId, 'clause');
    add('Legal basis', why.legalBasis && (why.eformsCode ? `${why.legalBasis} (${why.eformsCode})` : why.legalBasis), 'legal-basis');
    add('Article', why.article, 'article');
    add('Reason', why.reason, 'reason');
    if (why.figures && Object.keys(why.figures).length > 0) {
      add('Figures', Object.entries(why.figures).map(([name, value]) => `${name}: ${figure(value)}`).join('; '), 'figures');
    }
    add('Policy version', why.policyVersion, 'policy');
    if (why.inputs && Object.keys(why.inputs).length > 0) {
      add('Inputs', Object.entries(why.inputs).map(([name, value]) => `${name}: ${figure(value)}`).join('; '), 'inputs');
    }
    if (causation && causation.causedByEvent) {
      add('Caused by', `${causation.causedByEvent.type} (${causation.causedByEvent.streamId} #${causation.causedByEvent.revision})`, 'caused-by');
    }
    return list;
  }

  function renderTimeline(decisions) {
    const timeline = byId('timeline');
    for (const decision of decisions) {
      const item = el(
        'li',
        { class: 'decision', 'data-type': decision.type, 'data-position': decision.position },
        el(
          'p',
          {},
          el('time', { class: 'when', datetime: decision.occurredAt }, moment(decision.occurredAt)),
          ' — ',
          el('span', { class: 'who' }, `${decision.actor.id} (${decision.actor.role})`),
        ),
        el('p', { class: 'what' }, decision.what),
      );
      const why = grounds(decision.why || {}, decision.causation);
      if (why.childElementCount > 0) item.append(why);
      timeline.append(item);
    }
    if (decisions.length === 0) timeline.append(el('li', {}, 'No decision recorded.'));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Ordered and delivered units: one chart and one table per work unit of a lot.

  const WIDTH = 640;
  const HEIGHT = 260;
  const MARGIN = { left: 56, right: 16, top: 16, bottom: 40 };

  function scales(points) {
    const times = points.map((point) => Date.parse(point.at));
    let first = Math.min(...times);
    let last = Math.max(...times);
    if (first === last) {
      first -= 86_400_000;
      last += 86_400_000;
    }
    const top = Math.max(1, ...points.map((point) => Math.max(point.ordered, point.delivered, point.maximum)));
    const x = (at) => MARGIN.left + ((Date.parse(at) - first) / (last - first)) * (WIDTH - MARGIN.left - MARGIN.right);
    const y = (value) => HEIGHT - MARGIN.bottom - (value / top) * (HEIGHT - MARGIN.top - MARGIN.bottom);
    return { x, y, top, first, last };
  }

  /** A step line: a quantity holds its value until the next event changes it. */
  function stepPath(points, value, x, y) {
    return points
      .map((point, i) => (i === 0 ? `M ${x(point.at).toFixed(1)} ${y(value(point)).toFixed(1)}` : `H ${x(point.at).toFixed(1)} V ${y(value(point)).toFixed(1)}`))
      .join(' ');
  }

  function chart(lot, unit, captionId) {
    const { points } = unit;
    const { x, y, top, first, last } = scales(points);
    const descId = `${captionId}-desc`;
    const firstPoint = points[0];
    const lastPoint = points[points.length - 1];
    const summary =
      `From ${moment(firstPoint.at)} to ${moment(lastPoint.at)}, ordered ${firstPoint.ordered} to ${lastPoint.ordered}, ` +
      `delivered ${firstPoint.delivered} to ${lastPoint.delivered}, maximum ${lastPoint.maximum}. Every figure is in the table below.`;
    const svg = svgEl('svg', { class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': captionId, 'aria-describedby': descId });
    svg.append(svgEl('title', {}, `${unit.unitType} ordered and delivered on lot ${lot.lotId}`), svgEl('desc', { id: descId }, summary));
    const axes = svgEl('g', { 'aria-hidden': 'true' });
    axes.append(
      svgEl('line', { class: 'axis', x1: MARGIN.left, y1: y(0), x2: WIDTH - MARGIN.right, y2: y(0) }),
      svgEl('line', { class: 'axis', x1: MARGIN.left, y1: y(0), x2: MARGIN.left, y2: MARGIN.top }),
    );
    for (const tick of [...new Set([0, Math.round(top / 2), top])]) {
      axes.append(svgEl('text', { class: 'tick', x: MARGIN.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, String(tick)));
    }
    const day = (ms) => new Date(ms).toISOString().slice(0, 10);
    axes.append(
      svgEl('text', { class: 'tick', x: MARGIN.left, y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'start' }, day(first)),
      svgEl('text', { class: 'tick', x: WIDTH - MARGIN.right, y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'end' }, day(last)),
    );
    svg.append(axes);
    for (const [kind, value] of [
      ['maximum', (point) => point.maximum],
      ['ordered', (point) => point.ordered],
      ['delivered', (point) => point.delivered],
    ]) {
      const series = svgEl('g', { class: `series series-${kind}` });
      series.append(svgEl('path', { class: kind, d: stepPath(points, value, x, y) }));
      if (kind !== 'maximum') {
        for (const point of points) {
          series.append(
            svgEl(
              'circle',
              { class: `point ${kind}`, cx: x(point.at).toFixed(1), cy: y(value(point)).toFixed(1), r: 3.5, 'data-at': point.at, 'data-value': value(point) },
              svgEl('title', {}, `${moment(point.at)}: ${value(point)} ${kind}`),
            ),
          );
        }
      }
      svg.append(series);
    }
    return svg;
  }

  function table(lot, unit) {
    const body = el('tbody');
    for (const point of unit.points) {
      body.append(
        el(
          'tr',
          {},
          el('td', {}, el('time', { datetime: point.at }, moment(point.at))),
          el('td', {}, point.eventType),
          el('td', { class: 'number' }, String(point.ordered)),
          el('td', { class: 'number' }, String(point.delivered)),
          el('td', { class: 'number' }, String(point.maximum)),
        ),
      );
    }
    return el(
      'table',
      { class: 'series-table' },
      el('caption', {}, `${unit.unitType} on lot ${lot.lotId}: ordered and delivered units after each event that moved them`),
      el(
        'thead',
        {},
        el('tr', {}, ...['When', 'Event', 'Ordered', 'Delivered', 'Maximum'].map((heading) => el('th', { scope: 'col' }, heading))),
      ),
      body,
    );
  }

  function renderLot(series, index) {
    const section = el('section', { class: 'lot', 'data-lot': series.lotId, 'aria-labelledby': `lot-${index}` });
    section.append(el('h4', { id: `lot-${index}` }, `Lot ${series.lotId}: ${series.title}`));
    if (series.units.length === 0) section.append(el('p', {}, 'No work unit on this lot.'));
    series.units.forEach((unit, u) => {
      const captionId = `lot-${index}-unit-${u}`;
      const legend = el(
        'p',
        { class: 'legend', 'aria-hidden': 'true' },
        el('span', { class: 'swatch-ordered' }, '━ ordered'),
        el('span', { class: 'swatch-delivered' }, '╍ delivered'),
        el('span', { class: 'swatch-maximum' }, '┈ lot maximum'),
      );
      const figureNode = el('figure', { class: 'unit', 'data-unit': unit.unitType });
      figureNode.append(el('figcaption', { id: captionId }, `${unit.unitType}: units ordered and delivered over time`));
      if (unit.points.length > 0) figureNode.append(chart(series, unit, captionId), legend);
      section.append(figureNode, table(series, unit));
    });
    byId('lots').append(section);
  }

  // ---------------------------------------------------------------------------------------------------------

  async function showContract(contractId) {
    const id = encodeURIComponent(contractId);
    const decisions = await api(`/audit/contracts/${id}/decisions`);
    const contract = await api(`/contracts/${id}`);
    const lotIds = Object.keys(contract.lots);
    const series = await Promise.all(lotIds.map((lotId) => api(`/audit/contracts/${id}/lots/${encodeURIComponent(lotId)}/series`)));
    reset();
    byId('contract-title').textContent = contract.title;
    byId('contract-summary').textContent = `${contract.status.toLowerCase()}, from ${contract.startDate} to ${contract.endDate}, ${decisions.length} decisions, ${lotIds.length} lots`;
    renderTimeline(decisions);
    series.forEach(renderLot);
    byId('audit').hidden = false;
    status('');
  }

  async function listContracts() {
    // Asked first so that a token that may not read decisions sees nothing, not even the contract list.
    await api('/audit/decisions?limit=1');
    const contracts = await api('/contracts');
    reset();
    const list = byId('contract-list');
    for (const contract of contracts) {
      const link = el('a', { href: `#contract=${encodeURIComponent(contract.contractId)}` }, contract.title || contract.contractId);
      list.append(el('li', {}, link));
    }
    if (contracts.length === 0) list.append(el('li', {}, 'No contract.'));
    byId('contracts').hidden = false;
    status('');
  }

  async function show() {
    const contractId = byId('contract').value.trim();
    if (!token) {
      refuse('No token was given.');
      return;
    }
    status('Loading…');
    try {
      if (contractId) await showContract(contractId);
      else await listContracts();
    } catch (error) {
      if (error instanceof Refused) refuse(error.message === '401' ? 'The api did not accept this token (missing, expired or not valid).' : 'This token may not read decision histories.');
      else if (error instanceof Missing) {
        reset();
        status('No such contract in your Région.');
      } else {
        reset();
        status(`Could not load the audit: ${error.message}`);
      }
    }
  }

  /** Takes the token and the contract from the fragment, then leaves only the contract in the address bar. */
  function readFragment() {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const contract = fragment.get('contract');
    if (contract !== null) byId('contract').value = contract;
    const given = fragment.get('token');
    if (given !== null) {
      token = given;
      const kept = contract === null ? '' : `#contract=${encodeURIComponent(contract)}`;
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${kept}`);
    }
    return given !== null || contract !== null;
  }

  document.addEventListener('DOMContentLoaded', () => {
    byId('access').addEventListener('submit', (event) => {
      event.preventDefault();
      const typed = byId('token').value.trim();
      if (typed) token = typed;
      byId('token').value = '';
      show();
    });
    window.addEventListener('hashchange', () => {
      if (readFragment()) show();
    });
    readFragment();
    show();
  });
})();
