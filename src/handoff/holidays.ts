import Holidays from 'date-holidays';

/**
 * Dutch public holidays on which the wijkteam is closed, from date-holidays' maintained rules for
 * the Netherlands (Easter, Ascension and Whitsun move every year; Koningsdag moves off a Sunday).
 * Bevrijdingsdag is a day off only in lustrum years (2025, 2030, …), as in the municipal CAO.
 */
const calendar = new Holidays('NL');
const byYear = new Map<number, Map<string, string>>();

/** The holiday's Dutch name on an Amsterdam calendar date (YYYY-MM-DD), or undefined on a working day. */
export function dutchHoliday(date: string): string | undefined {
  const year = Number(date.slice(0, 4));
  let days = byYear.get(year);
  if (!days) {
    days = new Map();
    for (const holiday of calendar.getHolidays(year, 'nl')) {
      const lustrumLiberationDay = holiday.rule === '05-05' && year % 5 === 0;
      if (holiday.type === 'public' || lustrumLiberationDay) days.set(holiday.date.slice(0, 10), holiday.name);
    }
    byYear.set(year, days);
  }
  return days.get(date);
}
