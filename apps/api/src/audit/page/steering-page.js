/*
 * The steering page's script. Plain browser JavaScript, no build step, served after page-kit.js (`pageKit`), like the audit page's. It asks the api (this
 * origin only) for a programme's progress as of a day, with the token the reader gives: typed in the form, or
 * passed in the URL fragment (#token=…&programme=…&asOf=…), which never reaches a server and is cleared from
 * the address bar. Every figure is the api's: the page computes none, it draws and tabulates them. Everything
 * that comes from the data is put in the page as text, never as HTML.
 */
'use strict';

(() => {
  const { el, svgEl, Refused, Missing } = pageKit;
  const byId = (id) => document.getElementById(id);
  let token = '';

  /** Cents as euros with two decimals and a thin grouping, the same for every reader whatever their locale. */
  function euros(cents) {
    const sign = cents < 0 ? '−' : '';
    const whole = Math.floor(Math.abs(cents) / 100)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
    return `${sign}${whole}.${String(Math.abs(cents) % 100).padStart(2, '0')} €`;
  }

  const api = (path) => pageKit.api(path, token);

  const status = (text) => {
    byId('status').textContent = text;
  };

  function reset() {
    byId('refusal').hidden = true;
    byId('refusal').replaceChildren();
    byId('steering').hidden = true;
    for (const id of ['objectives', 'funding-lines', 'additionality', 'lots', 'targeting', 'outcomes', 'evaluations']) byId(id).replaceChildren();
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
    const top = Math.max(1, maximum ?? Math.max(...items.flatMap((item) => bars(item).map(([, value]) => value ?? 0))));
    const svg = svgEl('svg', { class: 'chart bars', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img' });
    svg.append(svgEl('title', {}, title), svgEl('desc', {}, `${description} Every figure is in the table below.`));
    items.forEach((item, i) => {
      const y = 6 + i * ROW;
      svg.append(svgEl('text', { class: 'tick', x: LABEL - 8, y: y + ROW / 2, 'text-anchor': 'end' }, item.label));
      const series = bars(item);
      const thickness = (ROW - 8) / series.length;
      series.forEach(([kind, value, shown], b) => {
        // A figure not measured (null) has no bar: only its title says so.
        const width = (Math.max(0, Math.min(value ?? 0, top)) / top) * (WIDTH - LABEL - 16);
        svg.append(
          svgEl(
            'rect',
            { class: `bar bar-${kind}`, x: LABEL, y: y + b * thickness, width: width.toFixed(1), height: thickness.toFixed(1), 'data-value': value ?? '' },
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
        el('figcaption', {}, 'Amount, commitments, statements and payments of each funding line'),
        barChart('Spending per funding line', 'For each line its amount, what its lots committed, what was stated and what was paid.', items, (item) => [
          ['amount', item.amountCents, euros(item.amountCents)],
          ['committed', item.committedCents, euros(item.committedCents)],
          ['stated', item.statedCents, euros(item.statedCents)],
          ['paid', item.paidCents, euros(item.paidCents)],
        ]),
      ),
      table(
        'Funding lines: amount, committed, stated, paid and remaining',
        ['Line', 'Funder', 'Label', 'Amount', 'Committed', 'Stated', 'Paid', 'Remaining'],
        lines.map((line) => [
          [line.fundingLineId],
          [line.funder],
          [line.label],
          [euros(line.amountCents), true],
          [euros(line.committedCents), true],
          [euros(line.statedCents), true],
          [euros(line.paidCents), true],
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

  // The nomenclatures the api's figures are keyed by, in the order they are shown, with their words.
  const CONTRACT_TYPES = [
    ['CDI', 'Job, CDI'],
    ['CDD', 'Job, CDD'],
    ['INTERIM', 'Job, temporary work'],
    ['OTHER', 'Job, other contract'],
    ['UNSTATED', 'Job, contract not stated'],
  ];
  const DESTINATIONS = [
    ['APPRENTICESHIP', 'Apprenticeship'],
    ['FURTHER_TRAINING', 'Further certifying training'],
    ['IAE', 'Insertion structure (IAE)'],
    ['WITHOUT_SOLUTION', 'Without solution'],
    ['OTHER', 'Other exit'],
  ];
  const SITUATIONS = [
    ['EMPLOYED', 'Employed'],
    ['IN_TRAINING', 'In training'],
    ['APPRENTICESHIP', 'Apprenticeship'],
    ['IAE', 'IAE'],
    ['JOB_SEEKER', 'Job seeker'],
    ['INACTIVE', 'Inactive'],
    ['UNKNOWN', 'Unknown'],
  ];

  /** A rate as the api measured it, or the words saying it cannot be measured yet (never a default figure). */
  const rate = (percent) => (percent === null ? 'not measured yet' : `${percent} %`);

  /** Swatches naming each segment's colour, for sighted readers of the chart (the table says it all again). */
  function legend(labels) {
    return el('p', { class: 'legend', 'aria-hidden': 'true' }, ...labels.flatMap((label, i) => [el('span', { class: `swatch s-${i}` }, '■ '), el('span', {}, label)]));
  }

  /**
   * One bar per item, split in segments ([label, value]) each of its colour, scaled to the largest item's total;
   * each segment's title gives its figure.
   */
  function stackedChart(title, description, items, segments) {
    const height = items.length * ROW + 12;
    const top = Math.max(1, ...items.map((item) => segments(item).reduce((total, [, value]) => total + value, 0)));
    const svg = svgEl('svg', { class: 'chart stacked', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img' });
    svg.append(svgEl('title', {}, title), svgEl('desc', {}, `${description} Every figure is in the table below.`));
    items.forEach((item, i) => {
      const y = 6 + i * ROW;
      svg.append(svgEl('text', { class: 'tick', x: LABEL - 8, y: y + ROW / 2, 'text-anchor': 'end' }, item.label));
      let x = LABEL;
      segments(item).forEach(([label, value], s) => {
        if (value === 0) return;
        const width = (value / top) * (WIDTH - LABEL - 16);
        svg.append(
          svgEl(
            'rect',
            { class: `segment s-${s}`, x: x.toFixed(1), y: y + 2, width: width.toFixed(1), height: ROW - 8, 'data-value': value },
            svgEl('title', {}, `${item.label}: ${value} ${label}`),
          ),
        );
        x += width;
      });
    });
    return svg;
  }

  // Lines over months: a point per month and series, the scale from 0 to the largest figure.
  const LINE_HEIGHT = 220;
  const MARGIN = { top: 12, right: 16, bottom: 30, left: 44 };

  /** `series` are [label, values] with a value per month; a null value (nothing to measure) has no point. */
  function monthChart(title, description, months, series, maximum) {
    const top = maximum ?? Math.max(1, ...series.flatMap(([, values]) => values.filter((value) => value !== null)));
    const x = (i) => MARGIN.left + (months.length === 1 ? 0 : (i / (months.length - 1)) * (WIDTH - MARGIN.left - MARGIN.right));
    const y = (value) => LINE_HEIGHT - MARGIN.bottom - (value / top) * (LINE_HEIGHT - MARGIN.top - MARGIN.bottom);
    const svg = svgEl('svg', { class: 'chart lines', viewBox: `0 0 ${WIDTH} ${LINE_HEIGHT}`, role: 'img' });
    svg.append(svgEl('title', {}, title), svgEl('desc', {}, `${description} Every figure is in the table below.`));
    const axes = svgEl('g', { 'aria-hidden': 'true' });
    axes.append(
      svgEl('line', { class: 'axis', x1: MARGIN.left, y1: y(0), x2: WIDTH - MARGIN.right, y2: y(0) }),
      svgEl('line', { class: 'axis', x1: MARGIN.left, y1: y(0), x2: MARGIN.left, y2: MARGIN.top }),
    );
    for (const tick of [...new Set([0, Math.round(top / 2), top])]) axes.append(svgEl('text', { class: 'tick', x: MARGIN.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, String(tick)));
    axes.append(
      svgEl('text', { class: 'tick', x: x(0), y: LINE_HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'start' }, months[0]),
      svgEl('text', { class: 'tick', x: x(months.length - 1), y: LINE_HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'end' }, months[months.length - 1]),
    );
    svg.append(axes);
    series.forEach(([label, values], s) => {
      const group = svgEl('g', { class: `series line s-${s}` });
      const points = values.flatMap((value, i) => (value === null ? [] : [`${x(i).toFixed(1)},${y(value).toFixed(1)}`]));
      group.append(svgEl('polyline', { points: points.join(' ') }));
      values.forEach((value, i) => {
        if (value === null) return;
        group.append(svgEl('circle', { cx: x(i).toFixed(1), cy: y(value).toFixed(1), r: 3, 'data-month': months[i], 'data-value': value }, svgEl('title', {}, `${months[i]}: ${value} ${label}`)));
      });
      svg.append(group);
    });
    return svg;
  }

  // The publics a programme may set a target share of, in the api's order, with their words.
  const PUBLICS = {
    QPV_RESIDENT: 'QPV residents',
    RURAL_RESIDENT: 'Rural residents',
    DISABLED: 'Disabled people',
    ISOLATED_PARENT: 'Isolated parents',
    YOUNG_NEET: 'Young NEETs',
    NO_QUALIFICATION: 'No qualification',
    INFRA_BAC: 'Infra-bac',
    UNDER_26: 'Under 26',
    AGED_45_AND_OVER: '45 and over',
    WOMEN: 'Women',
    ILLITERATE: 'Illiteracy',
  };
  const publicWords = (code) => PUBLICS[code] ?? code;

  /** A share as the api gives it with its counts, or the words saying no entry states what it is counted from. */
  const share = (item) => (item.sharePercent === null ? 'no entry states it' : `${item.sharePercent} % (${item.count} of ${item.recorded})`);
  const target = (inForce) => (inForce === null ? 'none' : `${inForce.percent} %`);
  const targetFrom = (inForce) => (inForce === null ? '' : inForce.source === 'PROGRAMME' ? inForce.validFrom : 'national figure');
  const gap = (points) => (points === null ? '' : `${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points)} points`);

  /**
   * Each public's share against the target valid on the day, for the programme (charted) and per contract and
   * lot (tabulated); then the shares to date month by month of the publics that have a target.
   */
  function renderTargeting(targeting, byMonth) {
    const box = byId('targeting');
    if (targeting.programme.entries === 0) box.append(el('p', {}, 'No trainee has entered on the lots attached yet: the targets only.'));
    const items = targeting.programme.publics.map((item) => ({ ...item, label: publicWords(item.public) }));
    // The targets valid on the day are the programme's, the same for each of its contracts and lots.
    const scopes = [
      [`Programme, ${targeting.programme.entries} entries`, targeting.programme],
      ...targeting.contracts.map((contract) => [`Contract ${contract.contractId}, ${contract.entries} entries`, contract]),
      ...targeting.lots.map((lot) => [`Lot ${lot.lotId} of ${lot.contractId}, ${lot.entries} entries`, lot]),
    ];
    box.append(
      el(
        'figure',
        {},
        el('figcaption', {}, `Share of each public among the programme’s ${targeting.programme.entries} entries, and its target valid on ${targeting.asOf.slice(0, 10)}, in percent`),
        legend(['Share', 'Target']),
        barChart('Targeting shares against targets', 'For each public its share among the entries that state it, and the target in force; a share no entry states, or a public without a target, has no bar.', items, (item) => [
          ['share', item.sharePercent, item.sharePercent === null ? 'no' : `${item.sharePercent} %`],
          ['target', item.target?.percent ?? null, item.target === null ? 'no' : `${item.target.percent} %`],
        ], 100),
      ),
      table(
        `Shares against the targets valid on ${targeting.asOf.slice(0, 10)}, for the programme, each contract and each lot: the share, with the entries in the public of those stating it, and its gap to the target`,
        ['Public', 'Target', 'Target valid from', ...scopes.flatMap(([scope]) => [`${scope}: share`, 'Gap'])],
        targeting.programme.publics.map((item, i) => [
          [publicWords(item.public)],
          [target(item.target), true],
          [targetFrom(item.target)],
          ...scopes.flatMap(([, shares]) => [
            [share(shares.publics[i]), true],
            [gap(shares.publics[i].gapPoints), true],
          ]),
        ]),
        'targeting-table',
      ),
    );

    const months = byMonth.months;
    const targeted = Object.keys(PUBLICS).filter((code) => months.some((month) => month.toDate.publics.find((item) => item.public === code).target !== null));
    if (months.length === 0 || targeted.length === 0) return;
    const of = (month, code) => month.toDate.publics.find((item) => item.public === code);
    const ofMonth = (month, code) => month.entered.publics.find((item) => item.public === code);
    for (const code of targeted) {
      box.append(
        el(
          'figure',
          {},
          el('figcaption', {}, `${publicWords(code)} month by month: the share among the entries to date, and the target valid at the month’s end, in percent`),
          legend(['Share to date', 'Target']),
          monthChart(
            `${publicWords(code)} over time`,
            `From ${months[0].month} to ${months[months.length - 1].month}, the share of ${publicWords(code).toLowerCase()} among the entries to date and its target; a month without a share or a target has no point.`,
            months.map((month) => month.month),
            [
              ['share to date', months.map((month) => of(month, code).sharePercent)],
              ['target', months.map((month) => of(month, code).target?.percent ?? null)],
            ],
            100,
          ),
        ),
      );
    }
    box.append(
      table(
        'Targeting month by month: the entries of the month and to date, against the target valid at the month’s end',
        ['Month', 'Public', 'Entries of the month', 'Share of the month', 'Entries to date', 'Share to date', 'Target', 'Target valid from', 'Gap to date'],
        months.flatMap((month) =>
          targeted.map((code) => {
            const toDate = of(month, code);
            return [
              [month.month],
              [publicWords(code)],
              [String(month.entered.entries), true],
              [share(ofMonth(month, code)), true],
              [String(month.toDate.entries), true],
              [share(toDate), true],
              [target(toDate.target), true],
              [targetFrom(toDate.target)],
              [gap(toDate.gapPoints), true],
            ];
          }),
        ),
        'targeting-months-table',
      ),
    );
  }

  /** The lots attached, in the programme's order, each with the rows its providers have in the outcomes read model. */
  function outcomeRows(lots, answers) {
    const rows = answers.flatMap((answer) => answer.rows);
    return lots.flatMap((lot) =>
      rows
        .filter((row) => row.contract_id === lot.contractId && row.lot_id === lot.lotId)
        .map((row) => ({ ...row, projectId: lot.projectId, label: `${row.lot_id} · ${row.provider_id}` })),
    );
  }

  function renderOutcomes(rows) {
    const box = byId('outcomes');
    if (rows.length === 0) {
      box.append(el('p', {}, 'No trainee has entered on the lots attached yet.'));
      return;
    }
    const who = (row) => [[row.projectId], [row.contract_id], [row.lot_id], [row.provider_id]];
    const exitLabels = ['Completed', ...CONTRACT_TYPES.map(([, label]) => label), ...DESTINATIONS.map(([, label]) => label), 'Still in training'];
    const exits = (row) => [
      row.completed,
      ...CONTRACT_TYPES.map(([type]) => row.employment_contracts[type] ?? 0),
      ...DESTINATIONS.map(([destination]) => row.left_early[destination] ?? 0),
      row.in_training,
    ];
    box.append(
      el(
        'figure',
        {},
        el('figcaption', {}, 'How the trainees of each lot and provider left: completed, or early by destination (a job by its contract type)'),
        legend(exitLabels),
        stackedChart('Exits per lot and provider', 'Each trainee counted once: completed, left early to a destination and not completed since, or still in training.', rows, (row) => exits(row).map((value, i) => [exitLabels[i], value])),
      ),
      table(
        'Exits per lot and provider, each trainee counted once',
        ['Project', 'Contract', 'Lot', 'Provider', 'Entered', ...exitLabels],
        rows.map((row) => [...who(row), [String(row.entered), true], ...exits(row).map((value) => [String(value), true])]),
        'exits-table',
      ),
    );

    const horizons = rows.flatMap((row) => ['6', '12'].map((horizon) => ({ ...row, horizon, label: `${row.label} · ${horizon} months` })));
    const situations = (item) => SITUATIONS.map(([situation]) => item.outcomes[item.horizon][situation] ?? 0);
    const situationLabels = SITUATIONS.map(([, label]) => label);
    box.append(
      el(
        'figure',
        {},
        el('figcaption', {}, 'Situation of the trainees 6 and 12 months after their exit, as observed'),
        legend(situationLabels),
        stackedChart('Situations at 6 and 12 months per lot and provider', 'For each lot, provider and horizon, the trainees per situation observed.', horizons, (item) => situations(item).map((value, i) => [situationLabels[i], value])),
      ),
      table(
        'Situations observed at 6 and 12 months per lot and provider',
        ['Project', 'Contract', 'Lot', 'Provider', 'Months after exit', ...situationLabels],
        horizons.map((item) => [...who(item), [item.horizon, true], ...situations(item).map((value) => [String(value), true])]),
        'situations-table',
      ),
    );

    box.append(
      el(
        'figure',
        {},
        el('figcaption', {}, 'Employment and satisfaction rates at 6 months, as the quality indicators measure them, in percent'),
        barChart('Employment and satisfaction rates per lot and provider', 'Employed over the known situations at 6 months, satisfied over the survey answers; a rate not measurable yet has no bar.', rows, (row) => [
          ['employment', row.indicators.EMPLOYMENT_RATE_6_MONTHS.percent, rate(row.indicators.EMPLOYMENT_RATE_6_MONTHS.percent)],
          ['satisfaction', row.indicators.SATISFACTION_RATE.percent, rate(row.indicators.SATISFACTION_RATE.percent)],
        ], 100),
      ),
      table(
        'Employment and satisfaction rates at 6 months per lot and provider, with their counts',
        ['Project', 'Contract', 'Lot', 'Provider', 'Employment rate', 'Employed', 'Known situations', 'Satisfaction rate', 'Satisfied', 'Survey answers'],
        rows.map((row) => {
          const employment = row.indicators.EMPLOYMENT_RATE_6_MONTHS;
          const satisfaction = row.indicators.SATISFACTION_RATE;
          return [
            ...who(row),
            [rate(employment.percent), true],
            [String(employment.employed), true],
            [String(employment.known), true],
            [rate(satisfaction.percent), true],
            [String(satisfaction.satisfied), true],
            [String(satisfaction.answers), true],
          ];
        }),
        'rates-table',
      ),
    );
  }

  const ARM_FIGURES = [
    ['candidates', 'Candidates'],
    ['entered', 'Entered'],
    ['completed', 'Completed'],
    ['leftEarly', 'Left early'],
    ['employedAt6Months', 'Employed at 6 months'],
  ];
  const MONTH_FIGURES = [
    ['entered', 'Entered'],
    ['completed', 'Completed'],
    ['leftEarly', 'Left early'],
    ['observedAt6Months', 'Observed at 6 months'],
    ['employedAt6Months', 'Employed at 6 months'],
    ['observedAt12Months', 'Observed at 12 months'],
    ['employedAt12Months', 'Employed at 12 months'],
  ];

  function renderEvaluations(evaluations) {
    const box = byId('evaluations');
    if (evaluations.length === 0) {
      box.append(el('p', {}, 'No project of the programme is experimental.'));
      return;
    }
    evaluations.forEach((evaluation, index) => {
      const headingId = `evaluation-${index}`;
      const section = el('section', { class: 'evaluation', 'data-project': evaluation.projectId, 'aria-labelledby': headingId });
      section.append(el('h4', { id: headingId }, `${evaluation.title} (${evaluation.projectId})`));
      box.append(section);
      if (evaluation.arms === null) {
        const registration = evaluation.registrationClosed ? 'registration closed' : 'registration open';
        section.append(el('p', { class: 'evaluation-status' }, `${evaluation.candidates} candidates registered, ${registration}: not drawn yet.`));
        return;
      }
      section.append(el('p', { class: 'evaluation-status' }, `${evaluation.candidates} candidates drawn on ${evaluation.drawnAt.slice(0, 10)}.`));
      const arms = evaluation.arms.map((arm) => ({ ...arm, label: arm.arm }));
      section.append(
        el(
          'figure',
          {},
          el('figcaption', {}, `Each arm of ${evaluation.projectId}: candidates, entries, exits and employment at 6 months`),
          legend(ARM_FIGURES.map(([, label]) => label)),
          barChart(`Arms of the evaluation of ${evaluation.projectId}`, 'For each arm its candidates, those who entered, completed or left early, and those employed at 6 months.', arms, (arm) =>
            ARM_FIGURES.map(([figure, label], i) => [`s-${i}`, arm[figure], `${arm[figure]} ${label.toLowerCase()}`]),
          ),
        ),
        table(
          `Arms of the evaluation of ${evaluation.projectId}`,
          ['Arm', 'Receives the action', ...ARM_FIGURES.map(([, label]) => label)],
          arms.map((arm) => [[arm.arm], [arm.receivesAction ? 'yes' : 'no'], ...ARM_FIGURES.map(([figure]) => [String(arm[figure]), true])]),
          'arms-table',
        ),
      );
      for (const arm of arms) {
        const months = arm.overTime.map((month) => month.month);
        section.append(
          el(
            'figure',
            {},
            el('figcaption', {}, `Arm ${arm.arm} month by month since the draw, cumulative`),
            legend(MONTH_FIGURES.map(([, label]) => label)),
            monthChart(`Arm ${arm.arm} over time`, `From ${months[0]} to ${months[months.length - 1]}, the entries, exits and situations at 6 and 12 months of the arm’s candidates, cumulative.`, months, MONTH_FIGURES.map(([figure, label]) => [label.toLowerCase(), arm.overTime.map((month) => month[figure])])),
          ),
        );
      }
      section.append(
        table(
          `Arms of the evaluation of ${evaluation.projectId} month by month, cumulative at the end of each month`,
          ['Arm', 'Month', ...MONTH_FIGURES.map(([, label]) => label)],
          arms.flatMap((arm) => arm.overTime.map((month) => [[arm.arm], [month.month], ...MONTH_FIGURES.map(([figure]) => [String(month[figure]), true])])),
          'arm-months-table',
        ),
      );
    });
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
      const programme = `/programmes/${encodeURIComponent(programmeId)}`;
      const progress = await api(`${programme}/progress${query}`);
      const contracts = [...new Set(progress.lots.map((lot) => lot.contractId))];
      const [evaluations, targeting, targetingByMonth, ...outcomes] = await Promise.all([
        api(`${programme}/evaluations`),
        api(`${programme}/targeting${query}`),
        api(`${programme}/targeting/months${query}`),
        ...contracts.map((contractId) => api(`/read-models/provider-outcomes?contractId=${encodeURIComponent(contractId)}`)),
      ]);
      reset();
      byId('programme-title').textContent = progress.title;
      byId('programme-summary').textContent = `As of ${progress.asOf.slice(0, 10)}: ${progress.objectives.length} objectives, ${progress.fundingLines.length} funding lines, ${progress.lots.length} lots`;
      renderObjectives(progress.objectives);
      renderFundingLines(progress.fundingLines);
      renderAdditionality(progress.additionality);
      renderLots(progress.lots);
      byId('targeting-note').textContent = 'Each entry counts in every public it states; an entry recorded without its targeting data is left out of the shares counted from it, never guessed. The target is the programme’s valid on the day, else the national figure where there is one.';
      renderTargeting(targeting, targetingByMonth);
      byId('outcomes-note').textContent = 'As recorded today, whatever the day asked for: the outcomes come in months after the exits.';
      renderOutcomes(outcomeRows(progress.lots, outcomes));
      renderEvaluations(evaluations.evaluations);
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
