'use strict';

// The pilot's figures for a coordinator: a table of every measure per week and three charts.
// Values come suppressed from the server ("< 5"); a chart leaves those out rather than guess.
(async () => {
  const texts = await (await fetch('/console/texts')).json();
  const words = texts.figures;
  const byId = (id) => document.getElementById(id);
  const SUPPRESSED = '< 5';
  const charts = {};

  document.title = words.title;
  byId('title').textContent = words.title;
  byId('back').textContent = words.back;
  byId('from-label').textContent = words.from;
  byId('to-label').textContent = words.to;
  byId('show').textContent = words.show;
  byId('download').textContent = words.download;
  byId('suppressed').textContent = words.suppressed;
  for (const name of ['levels', 'reply', 'outcomes']) byId(`${name}-title`).textContent = words.charts[name];

  function labelOf(column) {
    const [prefix, key] = column.split(/\.(.*)/s);
    if (key === undefined) return words.columns[column] ?? column;
    const named = { level: texts.levels, outcome: texts.outcomes, rating: words.ratings }[prefix] ?? {};
    return `${words.prefixes[prefix] ?? prefix}: ${named[key] ?? key}`;
  }

  function showAlert(text) {
    byId('alert').textContent = text;
    byId('alert').hidden = !text;
  }

  function cell(tag, text, scope) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (scope) element.scope = scope;
    return element;
  }

  function renderTable(data) {
    const head = byId('figures').tHead;
    const body = byId('figures').tBodies[0];
    head.replaceChildren();
    body.replaceChildren();
    if (data.weeks.length === 0) {
      body.append(Object.assign(document.createElement('tr'), {}));
      body.rows[0].append(cell('td', words.empty));
      return;
    }
    const top = document.createElement('tr');
    top.append(cell('th', words.week, 'col'), ...data.weeks.map((week) => cell('th', week.week, 'col')));
    head.append(top);
    for (const column of data.columns) {
      const row = document.createElement('tr');
      row.append(cell('th', labelOf(column), 'row'), ...data.weeks.map((week) => cell('td', week.cells[column] === null ? '' : String(week.cells[column]))));
      body.append(row);
    }
  }

  const numberOrGap = (value) => (typeof value === 'number' ? value : null);

  function drawChart(name, type, labels, datasets, stacked) {
    charts[name]?.destroy();
    charts[name] = new window.Chart(byId(`${name}-chart`), {
      type,
      data: { labels, datasets },
      options: { animation: false, responsive: true, scales: { x: { stacked }, y: { stacked, beginAtZero: true } } },
    });
  }

  function renderCharts(data) {
    const labels = data.weeks.map((week) => week.week);
    const series = (prefix) =>
      data.columns.filter((column) => column.startsWith(`${prefix}.`)).map((column) => ({ label: labelOf(column), data: data.weeks.map((week) => numberOrGap(week.cells[column])) }));
    drawChart('levels', 'bar', labels, series('level'), true);
    drawChart('reply', 'line', labels, [
      { label: words.charts.median, data: data.weeks.map((week) => numberOrGap(week.cells.replyMedianMinutes)) },
      { label: words.charts.p90, data: data.weeks.map((week) => numberOrGap(week.cells.replyP90Minutes)) },
    ], false);
    drawChart('outcomes', 'bar', labels, series('outcome'), true);
  }

  async function load(from, to) {
    const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
    const response = await fetch(`/api/console/figures?${query}`);
    if (response.status === 401) return window.location.assign('/console/login');
    if (response.status === 403) return showAlert(words.forbidden);
    if (!response.ok) return showAlert(texts.errors.general);
    showAlert('');
    const data = await response.json();
    byId('from').value = data.from;
    byId('to').value = data.to;
    byId('scope').textContent = words.team.replace('{team}', data.team).replace('{from}', data.weeks[0]?.week ?? data.from).replace('{to}', data.weeks.at(-1)?.week ?? data.to);
    byId('download').href = `/api/console/figures?${new URLSearchParams({ from: data.from, to: data.to, format: 'csv' })}`;
    renderTable(data);
    renderCharts(data);
  }

  byId('range').addEventListener('submit', (event) => {
    event.preventDefault();
    void load(byId('from').value, byId('to').value);
  });
  await load();
})();
