import { dutchHoliday } from '../handoff/holidays';
import { addDays, amsterdamTime, type OfficeHours } from '../handoff/officeHours';

/** Where a light case stands against the promise "binnen 3 werkdagen". */
export interface PromiseState {
  /** The last working day of the promise (Amsterdam date, YYYY-MM-DD). */
  dueDate: string;
  /** Working days after today up to and including the due date; 0 on the due day and after. */
  workingDaysLeft: number;
  /** 'nearing' from the working day before the due date on, so a coordinator still has a day to act. */
  state: 'on-time' | 'nearing' | 'overdue';
}

/** A day the team works: it has opening hours, and (unless configured otherwise) is no public holiday. */
function isWorkingDay(date: string, hours: OfficeHours): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return hours.slots.some((slot) => slot.day === weekday) && !(hours.closedOnHolidays && dutchHoliday(date));
}

/** Working days are counted from the day after the case came in, in Amsterdam, on the team's own office hours and holidays. */
export function promiseState(since: Date, now: Date, hours: OfficeHours, workingDays: number): PromiseState {
  let dueDate = amsterdamTime(since).date;
  for (let counted = 0; counted < workingDays; ) {
    dueDate = addDays(dueDate, 1);
    if (isWorkingDay(dueDate, hours)) counted++;
  }
  const today = amsterdamTime(now).date;
  let workingDaysLeft = 0;
  for (let date = addDays(today, 1); date <= dueDate; date = addDays(date, 1)) if (isWorkingDay(date, hours)) workingDaysLeft++;
  const state = today > dueDate ? 'overdue' : workingDaysLeft <= 1 ? 'nearing' : 'on-time';
  return { dueDate, workingDaysLeft, state };
}
