/*
 * The steering page's script. Plain browser JavaScript, no build step, like the audit page's. It asks the api (this
 * origin only) for a programme's progress as of a day, with the token the reader gives: typed in the form, or
 * passed in the URL fragment (#token=…&programme=…&asOf=…), which never reaches a server and is cleared from
 * the address bar. Every figure is the api's: the page computes none, it draws and tabulates them. Everything
 * that comes from the data is put in the page as text, never as HTML.
 */
'use strict';

(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const byId = (id) => document.getElementById(id);
  let token = '';

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    return node;
  }

  function svgEl(tag, attributes = {}, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    return node;
  }

  /** Cents as euros with two decimals and a thin grouping, the same for every reader whatever their locale. */
  function euros(cents) {
    const sign = cents < 0 ? '−' : '';
    const whole = Math.floor(Math.abs(cents) / 100)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
    return `${sign}${whole}.${String(Math.abs(cents) % 100).padStart(2, '0')} €`;
  }

  class Refused extends Error {}
  class Missing extends Error {}

  async function api(path) {
    const response = await fetch(path, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    if (response.status === 401 || response.status === 403) throw new Refused(String(response.status));
    if (response.status === 404) throw new Missing(path);
    if (!response.ok) throw new Error(`The api answered ${response.status}`);
    return response.json();
  }

  const status = (text) => {
    byId('status').textContent = text;
  };

  function reset() {
    byId('refusal').hidden = true;
    byId('refusal').replaceChildren();
    byId('steering').hidden = true;
    for (const id of ['objectives', 'funding-lines', 'additionality', 'lots']) byId(id).replaceChildren();
  }

  function refuse(reason) {
    reset();
    status('');
    byId('refusal').append(
      el('h2', {}, 'Not shown'),
      el('p', { class: 'refusal-reason' }, reason),
      el('p', {}, 'A programme is shown to buyers, auditors and Pôle emploi officers of its Région only.'),
    );
    byId('refusal').hidden = false;
  }

  /** A table with a caption, column headings and rows of cells ([text, numeric?]). */
  function table(caption, headings, rows, className) {
    const body = el('tbody');
    for (const row of rows) {
      body.append(el('tr', {}, ...row.map(([text, numeric]) => el('td', numeric ? { class: 'number' } : {}, text))));
    }
    return el(
      'table',
      { class: className },
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, ...headings.map((heading) => el('th', { scope: 'col' }, heading)))),
      body,
    );
  }

  // Horizontal bars: one row per item, each bar a share of the row's own scale.
  const WIDTH = 640;
  const ROW = 28;
  const LABEL = 180;

  /**
   * Bars drawn from the api's figures: `bars` are [kind, value] pairs per item, scaled to the largest of them (or
   * to 100 for percentages), with the value as the bar's title so that a reader of the chart alone has it too.
   */
  function barChart(title, description, items, bars, maximum) {
    const height = items.length * ROW + 12;
    const top = Math.max(1, maximum ?? Math.max(...items.flatMap((item) => bars(item).map(([, value]) => value))));
    const svg = svgEl('svg', { class: 'chart bars', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img' });
    svg.append(svgEl('title', {}, title), svgEl('desc', {}, `${description} Every figure is in the table below.`));
    items.forEach((item, i) => {
      const y = 6 + i * ROW;
      svg.append(svgEl('text', { class: 'tick', x: LABEL - 8, y: y + ROW / 2, 'text-anchor': 'end' }, item.label));
      const series = bars(item);
      const thickness = (ROW - 8) / series.length;
      series.forEach(([kind, value, shown], b) => {
        const width = (Math.max(0, Math.min(value, top)) / top) * (WIDTH - LABEL - 16);
        svg.append(
          svgEl(
            'rect',
            { class: `bar bar-${kind}`, x: LABEL, y: y + b * thickness, width: width.toFixed(1), height: thickness.toFixed(1), 'data-value': value },
            svgEl('title', {}, `${item.label}: ${shown} ${kind}`),
          ),
        );
      });
    });
    return svg;
  }

  function renderObjectives(objectives) {
    const box = byId('objectives');
    if (objectives.length === 0) {
      box.append(el('p', {}, 'No objective is set.'));
      return;
    }
    const items = objectives.map((objective) => ({ ...objective, label: objective.objectiveId }));
    box.append(
      el(
        'figure',
        {},
        el('figcaption', {}, 'Progress of each objective towards its target, in percent'),
        barChart('Objectives’ progress', 'Each objective’s value as a percentage of its target.', items, (item) => [['progress', item.progressPercent, `${item.progressPercent} %`]], 100),
      ),
      table(
        'Objectives: indicator, target, value reached and status',
        ['Objective', 'Project', 'Indicator', 'Target', 'By', 'Value', 'Progress', 'Status'],
        objectives.map((objective) => [
          [objective.objectiveId],
          [objective.projectId],
          [objective.indicator],
          [String(objective.targetValue), true],
          [objective.targetDate],
          [String(objective.value), true],
          [`${objective.progressPercent} %`, true],
          [objective.status],
        ]),
        'objectives-table',
      ),
    );
  }

  function renderFundingLines(lines) {
    const box = byId('funding-lines');
    if (lines.length === 0) {
      box.append(el('p', {}, 'No funding line.'));
      return;
    }
    const items = lines.map((line) => ({ ...line, label: `${line.fundingLineId} (${line.funder})` }));
    box.append(
      el(
        'figure',
        {},
        el('figcaption', {}, 'Amount, commitments and statements of each funding line'),
        barChart('Spending per funding line', 'For each line its amount, what its lots committed and what was stated.', items, (item) => [
          ['amount', item.amountCents, euros(item.amountCents)],
          ['committed', item.committedCents, euros(item.committedCents)],
          ['stated', item.statedCents, euros(item.statedCents)],
        ]),
      ),
      table(
        'Funding lines: amount, committed, stated and remaining',
        ['Line', 'Funder', 'Label', 'Amount', 'Committed', 'Stated', 'Remaining'],
        lines.map((line) => [
          [line.fundingLineId],
          [line.funder],
          [line.label],
          [euros(line.amountCents), true],
          [euros(line.committedCents), true],
          [euros(line.statedCents), true],
          [euros(line.remainingCents), true],
        ]),
        'funding-table',
      ),
    );
  }

  function renderAdditionality(figures) {
    const list = byId('additionality');
    const rows = [
      ['Région’s reference level', figures.regionReferenceLevelCents, 'reference'],
      ['Reference to date (pro rata of the days elapsed)', figures.referenceToDateCents, 'reference-to-date'],
      ['Committed by the Région', figures.regionCommittedCents, 'region-committed'],
      ['Committed by the State', figures.stateCommittedCents, 'state-committed'],
      ['Spending beyond the reference', figures.spendingBeyondReferenceCents, 'beyond-reference'],
      ['State money additional', figures.stateAdditionalCents, 'state-additional'],
      ['State money substituting for the Région’s effort', figures.stateSubstitutingCents, 'state-substituting'],
    ];
    for (const [term, cents, kind] of rows) list.append(el('dt', {}, term), el('dd', { 'data-figure': kind, class: 'number' }, euros(cents)));
  }

  function renderLots(lots) {
    const box = byId('lots');
    if (lots.length === 0) {
      box.append(el('p', {}, 'No lot is attached.'));
      return;
    }
    box.append(
      table(
        'Lots attached: commitments, statements, entries and certifications',
        ['Project', 'Contract', 'Lot', 'Funding line', 'Committed', 'Stated', 'Entries', 'Certifications'],
        lots.map((lot) => [
          [lot.projectId],
          [lot.contractId],
          [lot.lotId],
          [lot.fundingLineId],
          [euros(lot.committedCents), true],
          [euros(lot.statedCents), true],
          [String(lot.entries), true],
          [String(lot.certifications), true],
        ]),
        'lots-table',
      ),
    );
  }

  async function show() {
    const programmeId = byId('programme').value.trim();
    const asOf = byId('as-of').value;
    if (!token) {
      refuse('No token was given.');
      return;
    }
    if (!programmeId) {
      status('Give the programme to read.');
      return;
    }
    status('Loading…');
    try {
      // The end of the day asked for: what was recorded during it counts.
      const query = asOf ? `?asOf=${encodeURIComponent(`${asOf}T23:59:59.999Z`)}` : '';
      const progress = await api(`/programmes/${encodeURIComponent(programmeId)}/progress${query}`);
      reset();
      byId('programme-title').textContent = progress.title;
      byId('programme-summary').textContent = `As of ${progress.asOf.slice(0, 10)}: ${progress.objectives.length} objectives, ${progress.fundingLines.length} funding lines, ${progress.lots.length} lots`;
      renderObjectives(progress.objectives);
      renderFundingLines(progress.fundingLines);
      renderAdditionality(progress.additionality);
      renderLots(progress.lots);
      byId('steering').hidden = false;
      status('');
    } catch (error) {
      if (error instanceof Refused) refuse(error.message === '401' ? 'The api did not accept this token (missing, expired or not valid).' : 'This token may not read programmes.');
      else if (error instanceof Missing) {
        reset();
        status('No such programme in your Région.');
      } else {
        reset();
        status(`Could not load the programme: ${error.message}`);
      }
    }
  }

  function readFragment() {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    for (const [key, id] of [
      ['programme', 'programme'],
      ['asOf', 'as-of'],
    ]) {
      const value = fragment.get(key);
      if (value !== null) byId(id).value = value;
    }
    const given = fragment.get('token');
    if (given !== null) {
      token = given;
      fragment.delete('token');
      const kept = fragment.toString();
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${kept ? `#${kept}` : ''}`);
    }
    return given !== null || fragment.get('programme') !== null;
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
    if (readFragment()) show();
  });
})();
