'use strict';

// The wijkverbinder console. Every piece of data (answers, messages, notes, names) goes into the
// page through textContent or DOM nodes, never as HTML: whatever a resident wrote stays text.
(async () => {
  const texts = await (await fetch('/console/texts')).json();
  const byId = (id) => document.getElementById(id);
  const state = { me: undefined, csrf: '', caseId: undefined, detail: undefined, notice: undefined, queue: [], clockSkew: 0 };
  // What the connector is typing, per case, so a live re-render of the case never throws it away.
  const drafts = { message: {}, note: {} };
  // The close form's choice and its confirm step, per case, kept across re-renders for the same reason.
  const closing = {};

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

  /** Creates an element with optional class, text and children. */
  function el(tag, options = {}, children = []) {
    const node = document.createElement(tag);
    if (options.className) node.className = options.className;
    if (options.text !== undefined) node.textContent = options.text;
    for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
    for (const child of children) if (child) node.append(child);
    return node;
  }

  async function api(method, path, body) {
    const headers = {};
    if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) {
      window.location.assign('/console/login');
      throw new Error('no session');
    }
    const data = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    if (!response.ok) throw Object.assign(new Error('refused'), { code: data && data.error });
    return data;
  }

  function errorText(error) {
    return texts.errors[error && error.code] || texts.errors.general;
  }

  // --- header: who am I, status, logout, notifications ---
  const me = await api('GET', '/api/console/me');
  state.me = me.connector;
  state.csrf = me.csrfToken;
  document.title = texts.title;
  byId('title').textContent = texts.title;
  byId('who').textContent = fill(texts.header.loggedInAs, { name: me.connector.displayName, team: me.connector.team });
  byId('status-label').textContent = texts.header.status;
  // A coordinator also reads the pilot's figures.
  byId('figures-link').textContent = texts.figures.link;
  byId('figures-link').hidden = me.role !== 'coordinator';
  byId('queue-title').textContent = texts.queue.title;
  byId('online-title').textContent = texts.header.whoOnline;
  const status = byId('status');
  for (const value of ['online', 'away']) status.append(el('option', { text: texts.header[value], attrs: { value } }));
  status.value = me.status;
  status.addEventListener('change', () => api('PUT', '/api/console/presence', { status: status.value }).catch(showAlertError));
  byId('logout').textContent = texts.header.logout;
  byId('logout').addEventListener('click', async () => {
    await api('POST', '/api/console/logout').catch(() => undefined);
    window.location.assign('/console/login');
  });
  const notifications = byId('notifications');
  if ('Notification' in window && Notification.permission === 'default') {
    notifications.hidden = false;
    notifications.textContent = texts.header.notificationsOn;
    // Asked on the connector's click, never on page load: browsers ignore (or hold against the site) a request nobody asked for.
    notifications.addEventListener('click', () => Notification.requestPermission().then(() => (notifications.hidden = true)));
  }

  // --- alerts: a line on the page, a short beep, and a system notification when allowed ---
  function showAlert(text) {
    const alert = byId('alert');
    alert.hidden = false;
    alert.textContent = text;
  }
  function showAlertError(error) {
    showAlert(errorText(error));
  }
  let audio;
  /** A short tone, or for a crisis a rising two-tone siren: recognisable without looking at the screen. */
  function beep(crisis = false) {
    try {
      audio = audio || new AudioContext();
      const tones = crisis ? [660, 990, 660, 990, 660, 990] : [880];
      const length = crisis ? 0.22 : 0.4;
      tones.forEach((frequency, i) => {
        const start = audio.currentTime + i * length;
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = crisis ? 'square' : 'sine';
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.2, start);
        gain.gain.exponentialRampToValueAtTime(0.001, start + length);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(start);
        oscillator.stop(start + length);
      });
    } catch {
      // No sound available (or not allowed yet): the line on the page still shows.
    }
  }
  /** The system notification names the level and the resident's code only: never what anyone wrote. */
  function notify(title, item, crisis) {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    const body = item ? fill(texts.alerts.notification, { level: levelText(item.level), resident: residentText(item.pseudonym) }) : '';
    new Notification(title, { body, tag: item ? item.caseId : undefined, requireInteraction: crisis });
  }
  async function alertConnector(data) {
    await loadQueue().catch(showAlertError);
    history.refresh();
    const item = state.queue.find((entry) => entry.caseId === data.caseId);
    if (data.crisis) return raiseCrisis(data.caseId, item);
    showAlert(texts.alerts[data.type]);
    beep();
    notify(texts.alerts[data.type], item, false);
  }

  // --- crisis: red, its own title and siren, and it stays until a connector says they saw it ---
  const crises = new Map();
  let siren;
  function raiseCrisis(caseId, item) {
    crises.set(caseId, item);
    renderCrises();
    beep(true);
    notify(texts.alerts.crisisTitle, item, true);
  }
  function renderCrises() {
    const box = byId('crisis');
    box.hidden = crises.size === 0;
    box.replaceChildren(
      ...[...crises].map(([caseId, item]) =>
        el('div', { className: 'crisis-alert', attrs: { 'data-case-id': caseId } }, [
          el('strong', { className: 'crisis-title', text: texts.alerts.crisisTitle }),
          el('span', { text: fill(texts.alerts.crisis, { resident: item ? residentText(item.pseudonym) : texts.levels.crisis }) }),
          button(texts.alerts.open, '', () => showCase(caseId), 'crisis-open'),
          button(texts.alerts.acknowledge, '', () => acknowledge(caseId), 'crisis-ack'),
        ]),
      ),
    );
    // The siren repeats while a crisis is unseen, in case the connector was away from the screen.
    if (crises.size > 0 && !siren) siren = setInterval(() => beep(true), 20_000);
    if (crises.size === 0 && siren) siren = clearInterval(siren);
  }
  async function acknowledge(caseId) {
    // Seen is seen, also when the case has been erased meanwhile; the server records who saw it when.
    await api('POST', `/api/console/cases/${caseId}/acknowledge`).catch(() => undefined);
    crises.delete(caseId);
    renderCrises();
  }

  // --- time: the server's clock, Amsterdam's calendar, whatever the connector's machine says ---
  const TIME_ZONE = 'Europe/Amsterdam';
  const clockTime = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
  const dayAndTime = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const calendarDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  const serverNow = () => Date.now() + state.clockSkew;
  /** "14:05" today, "3 mrt, 14:05" on another day. */
  function timeText(iso) {
    const at = new Date(iso);
    return calendarDay.format(at) === calendarDay.format(new Date(serverNow())) ? clockTime.format(at) : dayAndTime.format(at);
  }
  function durationSince(iso) {
    const minutes = Math.max(0, Math.floor((serverNow() - Date.parse(iso)) / 60000));
    return minutes < 60 ? fill(texts.duration.minutes, { minutes }) : fill(texts.duration.hours, { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  }
  function residentText(code) {
    return fill(texts.resident, { code });
  }
  function channelText(channel) {
    return texts.channels[channel] || channel;
  }

  // --- queue ---
  /** Waiting counts until someone takes the case; then how long ago they did. */
  function waitingText(item) {
    return item.claimedAt ? fill(texts.queue.claimedAgo, { duration: durationSince(item.claimedAt) }) : fill(texts.queue.waiting, { duration: durationSince(item.waitingSince) });
  }
  function signalText(flag) {
    return flag.label || texts.case.signalLabels[flag.signal] || flag.signal;
  }
  /** One line that says why: "Zwaar: deurwaarder (ernstig) · 3 levensgebieden". */
  function whyText(value) {
    const weighty = value.flags.filter((flag) => flag.severity !== 'mild').map((flag) => `${signalText(flag)} (${texts.case.severities[flag.severity]})`);
    const parts = [...new Set(weighty)];
    if (value.domains.length >= 3) parts.push(fill(texts.case.whyDomains, { count: value.domains.length }));
    return parts.length ? fill(texts.case.why, { level: levelText(value.level), signals: parts.join(' · ') }) : '';
  }
  function levelText(level) {
    return texts.levels[level] || texts.levels.none;
  }
  function renderQueue() {
    const list = byId('queue');
    list.replaceChildren();
    if (state.queue.length === 0) list.append(el('li', { text: texts.queue.empty }));
    for (const item of state.queue) {
      const tags = el('span', {}, [
        item.askedForPerson ? el('span', { className: 'tag', text: texts.queue.askedForPerson }) : null,
        item.unsafeChannel ? el('span', { className: 'tag warn', text: texts.queue.unsafe }) : null,
        item.claimedBy ? el('span', { className: 'tag', text: fill(texts.queue.claimedBy, { name: item.claimedBy.displayName }) }) : null,
      ]);
      const button = el('button', { className: item.caseId === state.caseId ? 'active' : '', attrs: { type: 'button', 'data-case-id': item.caseId } }, [
        el('span', { className: `level level-${item.level || 'none'}`, text: levelText(item.level) }),
        el('span', { className: 'resident', text: `${residentText(item.pseudonym)} · ${channelText(item.channel)}` }),
        el('span', { className: 'waiting', text: waitingText(item) }),
        el('span', { className: 'last-message', text: fill(texts.queue.lastMessage, { duration: durationSince(item.lastResidentAt) }) }),
        item.report
          ? el('span', { className: 'domains', attrs: { 'data-testid': 'queue-report' } }, [el('span', { className: 'tag report', text: fill(texts.report.queueTag, { kind: kindText(item.report.kind) }) }), document.createTextNode(item.report.address)])
          : el('span', { className: 'domains', text: item.domains.length ? item.domains.join(', ') : texts.queue.noDomains }),
        tags,
      ]);
      button.addEventListener('click', () => showCase(item.caseId));
      list.append(el('li', {}, [button]));
    }
  }
  async function loadQueue() {
    const data = await api('GET', '/api/console/queue');
    state.clockSkew = Date.parse(data.serverTime) - Date.now();
    state.queue = data.cases;
    renderQueue();
  }
  // Waiting times move on by themselves, in the list and in the open case.
  setInterval(() => {
    renderQueue();
    const meta = byId('case-meta');
    if (meta && state.detail) meta.replaceChildren(...caseMeta(state.detail.case));
  }, 30_000);

  // --- history: the team's recent cases, closed ones included, to find one back ---
  function historyList() {
    byId('history-title').textContent = texts.history.title;
    const field = (id, label, input) => el('label', { attrs: { for: id } }, [el('span', { text: label }), input]);
    const code = el('input', { attrs: { id: 'history-q', type: 'search', maxlength: '40', autocomplete: 'off' } });
    const from = el('input', { attrs: { id: 'history-from', type: 'date' } });
    const to = el('input', { attrs: { id: 'history-to', type: 'date' } });
    const mine = el('input', { attrs: { id: 'history-mine', type: 'checkbox' } });
    const problem = el('p', { className: 'error', attrs: { role: 'alert', 'data-testid': 'history-error' } });
    problem.hidden = true;
    const form = byId('history-form');
    form.replaceChildren(
      field('history-q', texts.history.search, code),
      el('div', { className: 'dates' }, [field('history-from', texts.history.from, from), field('history-to', texts.history.to, to)]),
      el('label', { className: 'check', attrs: { for: 'history-mine' } }, [mine, el('span', { text: texts.history.mine })]),
      el('button', { className: 'primary', text: texts.history.submit, attrs: { type: 'submit' } }),
      problem,
    );
    const list = byId('history');
    const more = byId('history-more');
    more.textContent = texts.history.more;
    let page = 1;
    // Loads can overlap (login, an alert, a search): only the newest may change the list, or a slow
    // answer from before an escalation would replace the list that already shows it.
    let newest = 0;

    function row(item) {
      const parts = [levelText(item.level), residentText(item.pseudonym), channelText(item.channel), timeText(item.at), texts.statuses[item.status] || item.status];
      if (item.outcome) parts.push(texts.outcomes[item.outcome]);
      if (item.report) parts.push(fill(texts.report.queueTag, { kind: kindText(item.report.kind) }), item.report.address);
      const open = el('button', { attrs: { type: 'button', 'data-case-id': item.caseId } }, [el('span', { text: parts.join(' · ') })]);
      open.addEventListener('click', () => showCase(item.caseId));
      return el('li', { attrs: { 'data-case-id': item.caseId } }, [open]);
    }
    async function load(next) {
      const query = new URLSearchParams();
      if (code.value.trim()) query.set('q', code.value.trim());
      if (from.value) query.set('from', from.value);
      if (to.value) query.set('to', to.value);
      if (mine.checked) query.set('mine', 'true');
      query.set('page', String(next));
      const ticket = ++newest;
      try {
        const data = await api('GET', `/api/console/history?${query}`);
        if (ticket !== newest) return;
        problem.hidden = true;
        page = data.page;
        if (page === 1) list.replaceChildren();
        list.append(...data.cases.map(row));
        if (list.children.length === 0) list.append(el('li', { text: texts.history.empty }));
        more.hidden = !data.hasMore;
      } catch (error) {
        if (ticket !== newest) return;
        problem.textContent = error.code === 'bad_request' ? texts.history.badQuery : errorText(error);
        problem.hidden = false;
      }
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      load(1);
    });
    more.addEventListener('click', () => load(page + 1));
    return {
      refresh: () => load(1),
      forget(caseId) {
        list.querySelector(`li[data-case-id="${caseId}"]`)?.remove();
      },
    };
  }

  // --- who is online ---
  function renderOnline(connectors) {
    const list = byId('online');
    list.replaceChildren();
    if (connectors.length === 0) list.append(el('li', { text: texts.header.nobodyOnline }));
    for (const connector of connectors) list.append(el('li', { text: `${connector.displayName} — ${texts.header[connector.status]}` }));
  }

  // --- one case ---
  const ANSWER_INDEX = { wil: 0, kan: 1, nodig: 2 };

  /** The answer as text nodes with the flags' evidence in <mark>, checked against the offsets so a stale flag never marks the wrong words. */
  function highlighted(text, flags, index) {
    const ranges = flags
      .filter((flag) => flag.message === index && text.slice(flag.start, flag.end) === flag.evidence)
      .map((flag) => ({ start: flag.start, end: flag.end, signal: flag.signal }))
      .sort((a, b) => a.start - b.start);
    const nodes = [];
    let at = 0;
    for (const range of ranges) {
      if (range.start < at) continue;
      nodes.push(document.createTextNode(text.slice(at, range.start)));
      nodes.push(el('mark', { text: text.slice(range.start, range.end), attrs: { title: range.signal } }));
      at = range.end;
    }
    nodes.push(document.createTextNode(text.slice(at)));
    return nodes;
  }

  function transcriptLine(line) {
    const who = { resident: texts.case.fromResident, bot: texts.case.fromBot, connector: texts.case.fromConnector }[line.from] || line.from;
    return el('p', { className: `line from-${line.from}` }, [
      el('span', { className: 'who', text: who }),
      line.at ? el('time', { className: 'at', text: timeText(line.at), attrs: { datetime: line.at } }) : null,
      el('span', { className: 'text', text: line.text }),
    ]);
  }

  function section(title, children) {
    return el('section', {}, [el('h3', { text: title }), ...children]);
  }

  function renderCase() {
    const view = byId('case');
    const detail = state.detail;
    if (!detail) {
      // A notice (the case was erased) is announced to screen readers; the plain hint is not.
      view.replaceChildren(state.notice ? el('p', { className: 'notice', attrs: { role: 'status', 'data-testid': 'case-notice' }, text: state.notice }) : el('p', { text: texts.case.choose }));
      return;
    }
    const value = detail.case;
    const mine = value.status === 'claimed' && value.claimedBy && value.claimedBy.id === state.me.id;
    const parts = [];
    parts.push(
      el('h2', {}, [
        el('span', { className: `level level-${value.level || 'none'}`, text: levelText(value.level) }),
        document.createTextNode(` — ${texts.statuses[value.status] || value.status}`),
      ]),
    );
    parts.push(el('p', { className: 'meta', attrs: { id: 'case-meta', 'data-testid': 'case-meta' } }, caseMeta(value)));
    if (value.claimedBy && value.status === 'claimed') parts.push(el('p', { text: fill(texts.case.claimedBy, { name: value.claimedBy.displayName, duration: durationSince(value.claimedAt) }) }));
    if (value.status === 'closed') parts.push(el('p', { className: 'notice', attrs: { 'data-testid': 'read-only' }, text: texts.case.readOnly }));
    if (detail.unsafeChannel) {
      parts.push(el('p', { className: 'warning', attrs: { role: 'alert', 'data-testid': 'unsafe-warning' }, text: texts.case.unsafeWarning }));
      const safe = { asked: texts.case.safeAsked, yes: texts.case.safeYes, no: texts.case.safeNo }[detail.safeToMessage];
      if (safe) parts.push(el('p', { className: detail.safeToMessage === 'yes' ? '' : 'warning', text: safe }));
    }

    if (value.deliveryFailure) parts.push(el('p', { className: 'warning', attrs: { role: 'alert', 'data-testid': 'delivery-failed' }, text: fill(texts.case.deliveryFailed, { time: dayAndTime.format(new Date(value.deliveryFailure.at)) }) }));
    const windowClosed = detail.replyWindow && !detail.replyWindow.open && value.status !== 'closed';
    if (windowClosed) parts.push(el('p', { className: 'warning', attrs: { 'data-testid': 'window-closed' }, text: detail.replyWindow.template ? texts.case.windowClosed : texts.case.windowNoInvite }));
    else if (detail.replyWindow && mine) parts.push(el('p', { attrs: { 'data-testid': 'window-open' }, text: fill(texts.case.windowOpen, { time: dayAndTime.format(new Date(detail.replyWindow.closesAt)) }) }));

    const actions = el('div', { className: 'row' });
    if (mine && windowClosed && detail.replyWindow.template) actions.append(button(texts.case.invite, 'primary', () => act(`/api/console/cases/${value.id}/invite`), 'invite'));
    if (value.status === 'escalated') actions.append(button(texts.case.claim, 'primary', () => act(`/api/console/cases/${value.id}/claim`), 'claim'));
    if (mine) actions.append(button(texts.case.release, '', () => act(`/api/console/cases/${value.id}/release`), 'release'));
    parts.push(actions);
    if (mine) parts.push(closeForm(value.id));
    else delete closing[value.id];

    if (detail.report) parts.push(...reportSections(detail.report));
    else parts.push(
      section(
        texts.case.answers,
        ['wil', 'kan', 'nodig'].map((key) =>
          el('div', {}, [
            el('h4', { text: texts.case[key] }),
            el('p', { className: 'answer', attrs: { 'data-answer': key } }, value.answers[key] ? highlighted(value.answers[key], value.flags, ANSWER_INDEX[key]) : [document.createTextNode(texts.case.noAnswer)]),
          ]),
        ),
      ),
    );
    parts.push(
      section(texts.case.flags, [
        el('p', { className: 'why', attrs: { 'data-testid': 'why' }, text: whyText(value) }),
        value.flags.length === 0
          ? el('p', { text: texts.case.noFlags })
          : el(
              'ul',
              {},
              value.flags.map((flag) =>
                el('li', {}, [
                  el('span', { className: 'tag', text: flag.domains.map((domain) => texts.case.flagSources[domain] || domain).join(', ') }),
                  document.createTextNode(`${signalText(flag)} (${texts.case.severities[flag.severity] || flag.severity}) — ${fill(texts.case.evidence, { evidence: flag.evidence })}`),
                ]),
              ),
            ),
      ]),
    );
    const transcript = el('div', { className: 'transcript', attrs: { id: 'transcript' } }, detail.transcript.map(transcriptLine));
    parts.push(section(texts.case.transcript, [transcript]));
    if (mine && !windowClosed) parts.push(messageForm(value.id));
    parts.push(notesSection(value.id, value.status === 'closed'));
    parts.push(
      section(texts.case.previous, [
        detail.previousCases.length === 0
          ? el('p', { text: texts.case.noPrevious })
          : el(
              'ul',
              {},
              detail.previousCases.map((earlier) =>
                el('li', {}, [
                  button(`${new Date(earlier.createdAt).toLocaleDateString('nl-NL')} — ${levelText(earlier.level)} — ${texts.statuses[earlier.status] || earlier.status}${earlier.outcome ? ` — ${texts.outcomes[earlier.outcome]}` : ''}`, '', () => openCase(earlier.id)),
                ]),
              ),
            ),
      ]),
    );
    const focused = document.activeElement && view.contains(document.activeElement) ? document.activeElement.getAttribute('data-testid') : null;
    view.replaceChildren(...parts);
    transcript.scrollTop = transcript.scrollHeight;
    if (focused) {
      const again = view.querySelector(`[data-testid="${focused}"]`);
      if (again) again.focus();
    }
  }

  /** "1 meldingen van 1 verschillende melders" reads wrong: one report, and one reporter reporting again, say it plainly. */
  function linkedCountText(report) {
    if (report.linkedCount === 1) return texts.report.countOne;
    const template = report.reporters === 1 ? texts.report.countOneReporter : texts.report.count;
    return fill(template, { count: report.linkedCount, reporters: report.reporters });
  }

  function kindText(kind) {
    return texts.report.kinds[kind] || kind;
  }

  /** How the reporter put the time, and what the bot read in it. */
  function whenText(when) {
    if (!when) return texts.report.noAnswer;
    const read = [];
    if (when.frequency) read.push(texts.report.frequencies[when.frequency] || when.frequency);
    if (when.timeOfDay) read.push(fill(texts.report.timeOfDay, { time: when.timeOfDay }));
    if (when.start) read.push(fill(when.ongoing ? texts.report.parsedSince : texts.report.parsedAt, { date: new Date(when.start).toLocaleDateString('nl-NL', { timeZone: TIME_ZONE }) }));
    return read.length ? `"${when.text}" (${read.join(', ')})` : `"${when.text}"`;
  }

  /** A report instead of intake answers: its fields, then every report about the same address in time order. */
  function reportSections(report) {
    const field = (label, value, testId) => el('div', {}, [el('h4', { text: label }), el('p', { className: 'answer', attrs: { 'data-report': testId }, text: value })]);
    const yesNo = (value) => (value === true ? texts.report.yes : value === false ? texts.report.no : texts.report.unknown);
    const fields = section(texts.report.title, [
      field(texts.report.reference, report.reference, 'reference'),
      field(texts.report.kind, kindText(report.kind), 'kind'),
      field(texts.report.address, report.place.text || texts.report.noAnswer, 'address'),
      field(texts.report.story, report.story || texts.report.noAnswer, 'story'),
      field(texts.report.when, whenText(report.when), 'when'),
      field(texts.report.dangerNow, yesNo(report.dangerNow), 'danger'),
      field(texts.report.tried, report.tried || texts.report.noAnswer, 'tried'),
      field(texts.report.feedback, report.feedback ? texts.report.feedbackYes : texts.report.feedbackNo, 'feedback'),
    ]);
    const timeline = section(texts.report.linked, [
      el('p', { attrs: { 'data-testid': 'report-count' }, text: report.place.key ? linkedCountText(report) : texts.report.noKey }),
      el('h4', { text: texts.report.timeline }),
      el(
        'ol',
        { className: 'timeline', attrs: { 'data-testid': 'report-timeline' } },
        report.timeline.map((entry) => {
          const line = `${dayAndTime.format(new Date(entry.at))} — ${kindText(entry.kind)} — ${levelText(entry.level)} — ${texts.statuses[entry.status] || entry.status} — ${residentText(entry.reporter)}${entry.when ? ` — "${entry.when}"` : ''}`;
          if (entry.current) return el('li', { className: 'current', text: `${line} (${texts.report.thisReport})` });
          return el('li', {}, [button(line, '', () => openCase(entry.id))]);
        }),
      ),
    ]);
    return [fields, timeline];
  }

  /** Who, where, and how long since the resident last wrote: "Bewoner K7F3Q · WhatsApp · Laatste bericht …". */
  function caseMeta(value) {
    const parts = [residentText(value.pseudonym), channelText(value.channel)];
    if (value.lastResidentAt) parts.push(fill(texts.case.lastResident, { duration: durationSince(value.lastResidentAt) }));
    return [document.createTextNode(parts.join(' · '))];
  }

  function button(text, className, onClick, testId) {
    const node = el('button', { className, text, attrs: testId ? { type: 'button', 'data-testid': testId } : { type: 'button' } });
    node.addEventListener('click', async () => {
      node.disabled = true;
      try {
        await onClick();
      } finally {
        node.disabled = false;
      }
    });
    return node;
  }

  async function act(path, body) {
    try {
      await api('POST', path, body);
      byId('alert').hidden = true;
    } catch (error) {
      showAlertError(error);
    }
    await Promise.all([loadQueue(), state.caseId ? openCase(state.caseId) : undefined]);
  }

  /** A textarea whose text is kept in `drafts` while the connector types (the case view may be rebuilt meanwhile). */
  function draftInput(kind, caseId, placeholder, testId) {
    const input = el('textarea', { attrs: { placeholder, maxlength: '4000', 'data-testid': testId } });
    input.value = drafts[kind][caseId] || '';
    input.addEventListener('input', () => (drafts[kind][caseId] = input.value));
    return input;
  }
  /** After sending: empties the draft, unless the connector already typed something new. */
  function clearDraft(kind, caseId, sent) {
    if ((drafts[kind][caseId] || '').trim() === sent) delete drafts[kind][caseId];
    const input = byId('case').querySelector(`[data-testid="${kind}-input"]`);
    if (input && input.value.trim() === sent) input.value = '';
  }

  function messageForm(caseId) {
    const input = draftInput('message', caseId, texts.case.messagePlaceholder, 'message-input');
    const form = el('form', { className: 'row' }, [input, el('button', { className: 'primary', text: texts.case.send, attrs: { type: 'submit' } })]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      try {
        await api('POST', `/api/console/cases/${caseId}/messages`, { text });
        clearDraft('message', caseId, text);
      } catch (error) {
        showAlertError(error);
        // A refusal can change the case (a message not delivered is recorded on it): show it as it is now.
        if (state.caseId === caseId) await openCase(caseId);
      }
    });
    return form;
  }

  /**
   * No outcome is chosen for the connector: they pick one, then confirm, because closing tells the
   * resident at once. The server refuses a close without a valid outcome as well.
   */
  function closeForm(caseId) {
    const choice = (closing[caseId] = closing[caseId] || { outcome: '', detail: '', confirming: false });
    const outcome = el('select', { attrs: { id: 'outcome', 'data-testid': 'outcome' } });
    outcome.append(el('option', { text: texts.case.outcomeChoose, attrs: { value: '' } }));
    for (const [value, label] of Object.entries(texts.outcomes)) outcome.append(el('option', { text: label, attrs: { value } }));
    outcome.value = choice.outcome;
    const detail = el('input', { attrs: { placeholder: texts.case.detail, 'aria-label': texts.case.detail, maxlength: '200', 'data-testid': 'outcome-detail' } });
    detail.value = choice.detail;
    detail.hidden = choice.outcome !== 'doorverwezen';
    const problem = el('p', { className: 'error', attrs: { role: 'alert', 'data-testid': 'close-error' } });
    problem.hidden = true;
    const ask = el('div', { className: 'confirm', attrs: { 'data-testid': 'close-confirm' } }, [
      el('p', { text: texts.case.closeAsk }),
      button(texts.case.closeYes, 'primary', () => {
        const body = choice.outcome === 'doorverwezen' ? { outcome: choice.outcome, detail: choice.detail.trim() } : { outcome: choice.outcome };
        delete closing[caseId];
        return act(`/api/console/cases/${caseId}/close`, body);
      }, 'close-yes'),
      button(texts.case.closeNo, '', () => {
        choice.confirming = false;
        renderCase();
      }, 'close-no'),
    ]);
    ask.hidden = !choice.confirming;
    const submit = el('button', { text: texts.case.close, attrs: { type: 'submit', 'data-testid': 'close' } });
    submit.hidden = choice.confirming;
    outcome.addEventListener('change', () => {
      choice.outcome = outcome.value;
      detail.hidden = outcome.value !== 'doorverwezen';
      problem.hidden = true;
      outcome.removeAttribute('aria-invalid');
    });
    detail.addEventListener('input', () => (choice.detail = detail.value));
    const complain = (text, field) => {
      problem.textContent = text;
      problem.hidden = false;
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    };
    const form = el('form', { className: 'row close-form' }, [el('label', { text: texts.case.outcome, attrs: { for: 'outcome' } }), outcome, detail, submit, problem, ask]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!choice.outcome) return complain(texts.case.outcomeMissing, outcome);
      if (choice.outcome === 'doorverwezen' && !choice.detail.trim()) return complain(texts.case.detailMissing, detail);
      choice.confirming = true;
      renderCase();
      const yes = byId('case').querySelector('[data-testid="close-yes"]');
      if (yes) yes.focus();
    });
    return form;
  }

  /** A closed case's notes can be read, not added to. */
  function notesSection(caseId, readOnly) {
    const list = el('ul', { attrs: { 'data-testid': 'notes' } });
    const input = draftInput('note', caseId, texts.case.notePlaceholder, 'note-input');
    const form = el('form', { className: 'row' }, [input, el('button', { text: texts.case.addNote, attrs: { type: 'submit' } })]);
    const load = async () => {
      const data = await api('GET', `/api/console/cases/${caseId}/notes`);
      list.replaceChildren(...(data.notes.length ? data.notes.map((note) => el('li', { text: `${timeText(note.at)} — ${note.text}` })) : [el('li', { text: texts.case.noNotes })]));
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      try {
        await api('POST', `/api/console/cases/${caseId}/notes`, { text });
        clearDraft('note', caseId, text);
        await load();
      } catch (error) {
        showAlertError(error);
      }
    });
    load().catch(showAlertError);
    return section(texts.case.notes, readOnly ? [list] : [list, form]);
  }

  // Only the case asked for last is shown, and chat lines that arrive while it loads are kept for it.
  let loads = 0;
  let loading;
  let arrivedWhileLoading = [];
  async function openCase(caseId) {
    const ticket = ++loads;
    if (loading !== caseId) arrivedWhileLoading = [];
    loading = caseId;
    try {
      const detail = await api('GET', `/api/console/cases/${caseId}`);
      if (ticket !== loads) return;
      state.detail = detail;
      state.caseId = caseId;
      state.notice = undefined;
    } catch (error) {
      if (ticket !== loads) return;
      if (error.code === 'not-found') caseGone(caseId);
      else showAlertError(error);
    }
    loading = undefined;
    renderCase();
    renderQueue();
    // A line that came in during the load and is not yet in what was loaded still belongs in the transcript.
    if (state.caseId === caseId && state.detail) {
      const recent = state.detail.transcript.slice(-20).map((line) => line.text);
      for (const line of arrivedWhileLoading) if (!recent.includes(line.text)) appendLine(line);
    }
    arrivedWhileLoading = [];
  }

  /** Opens a case the connector chose; on a phone the case sits below the lists, so it scrolls there. */
  async function showCase(caseId) {
    await openCase(caseId);
    if (window.matchMedia('(max-width: 700px)').matches) byId('case').scrollIntoView();
  }

  /** The case no longer exists (the resident had their data erased): it goes from every list, and an open view empties. */
  function caseGone(caseId) {
    delete drafts.message[caseId];
    delete drafts.note[caseId];
    delete closing[caseId];
    state.queue = state.queue.filter((item) => item.caseId !== caseId);
    history.forget(caseId);
    if (state.caseId === caseId || loading === caseId) {
      state.detail = undefined;
      state.caseId = undefined;
      state.notice = texts.errors['not-found'];
    }
    renderCase();
    renderQueue();
  }

  function appendLine(line) {
    const transcript = byId('transcript');
    if (!transcript) return;
    transcript.append(transcriptLine(line));
    transcript.scrollTop = transcript.scrollHeight;
  }

  // --- live updates ---
  /**
   * Loads the lists and the open case again; a crisis that came in unseen meanwhile gets the red
   * alert and siren. A crisis already in the queue before keeps what the connector did with its alert.
   */
  async function catchUp() {
    const known = new Set(state.queue.map((item) => item.caseId));
    history.refresh();
    if (state.caseId) openCase(state.caseId);
    await loadQueue();
    for (const item of state.queue) if (item.level === 'crisis' && !item.claimedBy && !known.has(item.caseId)) raiseCrisis(item.caseId, item);
  }
  function connect() {
    const events = new EventSource('/api/console/events');
    // Whatever happened while there was no stream is fetched again: after a break, and also at login,
    // between the first load and the moment the stream stood.
    events.addEventListener('open', () => {
      byId('connection').hidden = true;
      catchUp().catch(showAlertError);
    });
    events.addEventListener('error', () => {
      const line = byId('connection');
      line.hidden = false;
      line.textContent = texts.header.connection;
      // The browser retries a dropped stream itself, but gives up on a refusal (no session after a
      // restart or logout elsewhere): then ask who we are, which leads to the login form on a 401.
      if (events.readyState === EventSource.CLOSED) reconnectLater();
    });
    events.addEventListener('queue', (event) => {
      const data = JSON.parse(event.data);
      loadQueue().catch(showAlertError);
      // The coordinator's light cases (buddies.js) follow the same stream.
      document.dispatchEvent(new CustomEvent('console-queue', { detail: data }));
      if (data.type === 'erased') return;
      if (data.caseId === state.caseId) openCase(state.caseId);
      // Cases move into the history when taken or closed; other changes leave it as it is.
      if (['claimed', 'closed', 'reopened'].includes(data.type)) history.refresh();
    });
    events.addEventListener('alert', (event) => alertConnector(JSON.parse(event.data)));
    events.addEventListener('erased', (event) => caseGone(JSON.parse(event.data).caseId));
    events.addEventListener('presence', (event) => renderOnline(JSON.parse(event.data).connectors));
    events.addEventListener('chat', (event) => {
      const data = JSON.parse(event.data);
      // Without text the message is for a colleague's case: only they read it live.
      if (data.text === undefined) return;
      const line = { at: data.at, from: data.from, text: data.text };
      if (loading !== undefined && data.caseId === loading) arrivedWhileLoading.push(line);
      else if (data.caseId === state.caseId) appendLine(line);
    });
  }
  function reconnectLater() {
    setTimeout(async () => {
      try {
        await api('GET', '/api/console/me');
        connect();
      } catch (error) {
        if (error.message !== 'no session') reconnectLater();
      }
    }, 3000);
  }

  /** A link to one case (the Teams card's "Open in de console") opens it. */
  function openLinkedCase() {
    const match = /^#case=([\w%.-]+)$/.exec(window.location.hash);
    if (match) showCase(decodeURIComponent(match[1]));
  }

  // What the coordinator's part of the page (buddies.js) shares with this one.
  window.consoleKit = { texts, role: me.role, el, api, fill, errorText, showAlert, showAlertError, timeText, residentText, channelText };
  document.dispatchEvent(new Event('console-ready'));

  const history = historyList();
  renderCase();
  // A crisis that began before this login still waits for someone: it gets the same red alert and siren.
  await catchUp();
  connect();
  openLinkedCase();
  window.addEventListener('hashchange', openLinkedCase);
})();
