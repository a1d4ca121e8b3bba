'use strict';

// The coordinator's part of the console: light cases waiting for a volunteer buddy, suggestions
// with their reasons, confirm or decline, and the volunteers list. Only for the coordinator role.
// Like console.js, every piece of data goes into the page as text, never as HTML.
(() => {
  function start(kit) {
    if (kit.role !== 'coordinator') return;
    const { texts, el, api, fill, errorText, showAlert, showAlertError, timeText, residentText, channelText } = kit;
    const t = texts.light;
    const byId = (id) => document.getElementById(id);
    const state = { items: [], caseId: undefined };

    byId('light').hidden = false;
    byId('volunteers').hidden = false;
    byId('light-title').textContent = t.title;
    byId('volunteers-title').textContent = t.volunteersTitle;

    function button(text, onClick, testId, className = '') {
      const node = el('button', { className, text, attrs: { type: 'button', ...(testId ? { 'data-testid': testId } : {}) } });
      node.addEventListener('click', async () => {
        node.disabled = true;
        try {
          await onClick();
        } catch (error) {
          showAlert(errorText(error));
        } finally {
          node.disabled = false;
        }
      });
      return node;
    }

    /** A reason asked in the page itself, never with window.prompt: the answer is required. */
    function reasonForm(label, submitText, testId, onSubmit) {
      const input = el('input', { attrs: { 'aria-label': label, placeholder: label, maxlength: '500', 'data-testid': `${testId}-reason` } });
      const form = el('form', { className: 'row' }, [input, el('button', { text: submitText, attrs: { type: 'submit', 'data-testid': testId } })]);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (!input.value.trim()) return input.focus();
        try {
          await onSubmit(input.value.trim());
        } catch (error) {
          showAlert(errorText(error));
        }
      });
      return form;
    }

    // --- the queue of light cases ---
    function render() {
      const list = byId('light-queue');
      list.replaceChildren();
      if (state.items.length === 0) list.append(el('li', { text: t.empty }));
      for (const item of state.items) {
        const node = el('button', { className: item.caseId === state.caseId ? 'active' : '', attrs: { type: 'button', 'data-light-case': item.caseId } }, [
          el('span', { className: 'resident', text: `${residentText(item.pseudonym)} · ${channelText(item.channel)}` }),
          el('span', { className: `promise-${item.promise}`, text: `${t.promise[item.promise]} · ${fill(t.due, { date: item.dueDate, days: item.workingDaysLeft })}` }),
          el('span', { text: item.needs.length ? fill(t.needs, { needs: item.needs.join(', ') }) : t.noNeeds }),
          el('span', {}, [
            item.alert ? el('span', { className: 'tag warn', text: t.alerts[item.alert] }) : null,
            item.claimedBy ? el('span', { className: 'tag', text: fill(texts.queue.claimedBy, { name: item.claimedBy.displayName }) }) : null,
          ]),
        ]);
        node.addEventListener('click', () => open(item.caseId));
        list.append(el('li', {}, [node]));
      }
    }

    async function load() {
      const data = await api('GET', '/api/console/queue');
      state.items = data.light || [];
      render();
      if (state.caseId && !state.items.some((item) => item.caseId === state.caseId)) byId('light-panel').replaceChildren();
    }

    // --- one light case: actions, suggestions, history ---
    async function open(caseId) {
      state.caseId = caseId;
      render();
      const panel = byId('light-panel');
      const item = state.items.find((entry) => entry.caseId === caseId);
      const [found, history] = await Promise.all([api('GET', `/api/console/light/${caseId}/suggestions`), api('GET', `/api/console/light/${caseId}/buddy`)]);
      const actions = el('div', { className: 'row' }, [
        item && !item.claimedBy ? button(t.claim, () => act(caseId, 'claim'), 'light-claim') : null,
        item && item.claimedBy ? button(t.release, () => act(caseId, 'release'), 'light-release') : null,
      ]);
      const suggestions = el('ul', { attrs: { 'data-testid': 'suggestions' } });
      if (found.suggestions.length === 0) suggestions.append(el('li', { text: t.noSuggestions }));
      for (const suggestion of found.suggestions) {
        const v = suggestion.volunteer;
        suggestions.append(
          el('li', { className: 'suggestion', attrs: { 'data-volunteer': v.id } }, [
            el('strong', { text: v.name }),
            suggestion.screened ? null : el('span', { className: 'tag warn', text: t.unscreened }),
            el('p', { className: 'reasons', text: suggestion.reasonText }),
            el('div', { className: 'row' }, [
              suggestion.confirmable ? button(t.confirm, () => confirmMatch(caseId, v), `confirm-${v.id}`, 'primary') : el('span', { text: t.screeningNeeded }),
            ]),
            reasonForm(t.declineReason, t.decline, `decline-${v.id}`, async (reason) => {
              await api('POST', `/api/console/light/${caseId}/decline`, { volunteerId: v.id, reason });
              await open(caseId);
            }),
          ]),
        );
      }
      const events = el('ul', {});
      if (history.events.length === 0) events.append(el('li', { text: t.noHistory }));
      for (const event of history.events) {
        const volunteer = event.volunteer ? event.volunteer.name || t.removedVolunteer : '';
        const line = fill(t.events[event.type], { volunteer, checkIn: event.checkIn ? t.checkIns[event.checkIn] : '' });
        events.append(el('li', { text: `${timeText(event.at)} · ${line}${event.reason ? ` — ${event.reason}` : ''}` }));
      }
      panel.replaceChildren(
        actions,
        el('h3', { text: t.suggestionsTitle }),
        suggestions,
        reasonForm(t.escalateReason, t.escalate, 'light-escalate', async (reason) => {
          await api('POST', `/api/console/light/${caseId}/escalate`, { reason });
          showAlert(t.escalated);
          await load();
        }),
        el('h3', { text: t.historyTitle }),
        events,
      );
    }

    async function act(caseId, action) {
      await api('POST', `/api/console/light/${caseId}/${action}`);
      await load();
      await open(caseId);
    }

    async function confirmMatch(caseId, volunteer) {
      const told = await api('POST', `/api/console/light/${caseId}/match`, { volunteerId: volunteer.id });
      showAlert(told.residentTold && told.volunteerTold ? fill(t.confirmed, { name: volunteer.name }) : t.notTold);
      state.caseId = undefined;
      byId('light-panel').replaceChildren();
      await load();
    }

    // --- the volunteers list ---
    async function volunteersSearch() {
      const terms = await api('GET', '/api/console/volunteers/terms');
      const form = byId('volunteer-search');
      const select = (name, options) =>
        el('label', {}, [
          el('span', { text: t.search[name] }),
          el('select', { attrs: { name } }, [el('option', { text: t.search.any, attrs: { value: '' } }), ...options.map((option) => el('option', { text: option.label, attrs: { value: option.id } }))]),
        ]);
      form.replaceChildren(
        select('talent', terms.talents),
        el('label', {}, [el('span', { text: t.search.area }), el('input', { attrs: { name: 'area', maxlength: '100' } })]),
        select('language', terms.languages),
        select('status', terms.statuses.map((id) => ({ id, label: t.statuses[id] }))),
        el('button', { text: t.search.submit, attrs: { type: 'submit' } }),
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        listVolunteers().catch(showAlertError);
      });
    }

    async function listVolunteers() {
      const query = new URLSearchParams();
      for (const [name, value] of new FormData(byId('volunteer-search'))) if (String(value).trim()) query.set(name, String(value).trim());
      const data = await api('GET', `/api/console/volunteers${query.size ? `?${query}` : ''}`);
      const list = byId('volunteer-list');
      list.replaceChildren();
      if (data.volunteers.length === 0) list.append(el('li', { text: t.noVolunteers }));
      for (const v of data.volunteers) {
        list.append(
          el('li', { className: 'volunteer' }, [
            el('strong', { text: v.name }),
            el('span', { className: 'tag', text: t.statuses[v.status] }),
            v.screened ? el('span', { className: 'tag', text: t.screened }) : el('span', { className: 'tag warn', text: t.unscreened }),
            el('p', { text: [v.talents.join(', ') || v.talentText, v.area, v.languages.join(', '), [v.days.join(', '), v.dayParts.join(', ')].filter(Boolean).join(' · ')].filter(Boolean).join(' — ') }),
            button(v.screened ? t.markUnscreened : t.markScreened, async () => {
              await api('POST', `/api/console/volunteers/${v.id}/screening`, { vog: v.screened ? 'unchecked' : 'checked' });
              await listVolunteers();
            }),
          ]),
        );
      }
    }

    document.addEventListener('console-queue', () => {
      load().catch(showAlertError);
      if (state.caseId) open(state.caseId).catch(() => undefined);
    });
    load().catch(showAlertError);
    volunteersSearch()
      .then(listVolunteers)
      .catch(showAlertError);
  }

  if (window.consoleKit) start(window.consoleKit);
  else document.addEventListener('console-ready', () => start(window.consoleKit), { once: true });
})();
