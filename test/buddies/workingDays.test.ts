import { parseOfficeHours, type OfficeHours } from '../../src/handoff/officeHours';
import { promiseState } from '../../src/buddies/workingDays';

const weekdays = parseOfficeHours('ma-vr 09:00-17:00') as OfficeHours;
const at = (iso: string) => new Date(iso);

describe('the promise of 3 working days', () => {
  it('counts across a weekend and Easter Monday, and warns from the last working day but one', () => {
    // Thursday before Easter 2025, in the afternoon in Amsterdam.
    const since = at('2025-04-17T13:00:00Z');
    expect(promiseState(since, at('2025-04-17T14:00:00Z'), weekdays, 3)).toEqual({ dueDate: '2025-04-23', workingDaysLeft: 3, state: 'on-time' });
    // Good Friday is a working day; the weekend and Easter Monday are not.
    expect(promiseState(since, at('2025-04-18T09:00:00Z'), weekdays, 3)).toMatchObject({ workingDaysLeft: 2, state: 'on-time' });
    expect(promiseState(since, at('2025-04-21T09:00:00Z'), weekdays, 3)).toMatchObject({ workingDaysLeft: 2, state: 'on-time' });
    expect(promiseState(since, at('2025-04-22T09:00:00Z'), weekdays, 3)).toMatchObject({ workingDaysLeft: 1, state: 'nearing' });
    expect(promiseState(since, at('2025-04-23T15:00:00Z'), weekdays, 3)).toMatchObject({ workingDaysLeft: 0, state: 'nearing' });
    expect(promiseState(since, at('2025-04-24T07:00:00Z'), weekdays, 3)).toMatchObject({ state: 'overdue' });
  });

  it('takes the Amsterdam date, not the server\'s: late Friday evening UTC is already Saturday there', () => {
    expect(promiseState(at('2025-03-07T23:30:00Z'), at('2025-03-08T00:00:00Z'), weekdays, 3).dueDate).toBe('2025-03-12');
    expect(promiseState(at('2025-03-07T22:30:00Z'), at('2025-03-08T00:00:00Z'), weekdays, 3).dueDate).toBe('2025-03-12');
    expect(promiseState(at('2025-03-07T22:59:00Z'), at('2025-03-08T00:00:00Z'), weekdays, 3).dueDate).toBe('2025-03-12');
  });

  it('follows the team\'s own days: a team open on Saturday counts it; holidays count when configured so', () => {
    const withSaturday = parseOfficeHours('ma-za 09:00-17:00') as OfficeHours;
    expect(promiseState(at('2025-04-17T13:00:00Z'), at('2025-04-17T13:00:00Z'), withSaturday, 3).dueDate).toBe('2025-04-22');
    const openOnHolidays = parseOfficeHours('ma-vr 09:00-17:00', false) as OfficeHours;
    expect(promiseState(at('2025-04-17T13:00:00Z'), at('2025-04-17T13:00:00Z'), openOnHolidays, 3).dueDate).toBe('2025-04-22');
  });
});
