// Schedules, times and durations as people write them → EventBridge expressions and numbers.
import { NUM, numValue, type Scan } from './scan';

const DAYS: Record<string, string> = {
  monday: 'MON',
  tuesday: 'TUE',
  wednesday: 'WED',
  thursday: 'THU',
  friday: 'FRI',
  saturday: 'SAT',
  sunday: 'SUN',
};

const TIME = String.raw`(?:(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?|(midnight|noon|midday))`;

/** Hour and minute of a time match's groups (h, m, meridiem, word). */
function toClock(
  h?: string,
  m?: string,
  mer?: string,
  word?: string,
): { hour: number; minute: number } | undefined {
  if (word) return { hour: word === 'midnight' ? 0 : 12, minute: 0 };
  if (h === undefined) return undefined;
  let hour = Number(h);
  const minute = m ? Number(m) : 0;
  const meridiem = mer?.replace(/\./g, '');
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

export interface ParsedSchedule {
  /** EventBridge schedule expression, UTC. */
  expression: string;
  /** The text it was read from. */
  source: string;
  /** A default filled in (the time of "every night"). */
  assumed?: string;
}

/**
 * Reads a schedule from the request: "every night at 2am" → cron(0 2 * * ? *), "every 5 minutes" → rate(5 minutes),
 * "weekdays at 8:30" → cron(30 8 ? * MON-FRI *), "every Monday at 9am", "hourly", "monthly".
 */
export function parseSchedule(scan: Scan): ParsedSchedule | undefined {
  const rate = scan.first(
    new RegExp(
      String.raw`\bevery\s+(?:${NUM}\s+)?(minute|minutes|min|mins|hour|hours|day|days)\b(?!\s+at\b)`,
    ),
  );
  if (rate) {
    const n = rate[1] ? numValue(rate[1]) : 1;
    const unit = rate[2].startsWith('min') ? 'minute' : rate[2].startsWith('hour') ? 'hour' : 'day';
    if (unit === 'day' && n === 1)
      return { expression: 'cron(0 0 * * ? *)', source: rate[0], assumed: 'midnight UTC' };
    return { expression: `rate(${n} ${unit}${n === 1 ? '' : 's'})`, source: rate[0] };
  }
  if (scan.first(/\b(hourly|every hour|each hour|once an hour)\b/))
    return { expression: 'rate(1 hour)', source: 'hourly' };

  const pattern = new RegExp(
    String.raw`\b(?:(every|each|on)\s+)?(night|nights|nightly|day|days|daily|morning|mornings|evening|evenings|weekday|weekdays|weekend|weekends|week|weekly|month|monthly|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b(?:\s+(?:at|@)\s+${TIME})?`,
  );
  const m = scan.first(pattern, false);
  // "at 2am every night": the time may come first.
  const timeFirst = scan.first(
    new RegExp(
      String.raw`\b(?:at|@)\s+${TIME}\s+(?:every|each)\s+(night|day|morning|evening|weekday|week|month)\b`,
    ),
    false,
  );
  let period: string | undefined;
  let clock: { hour: number; minute: number } | undefined;
  let source = '';
  if (timeFirst) {
    clock = toClock(timeFirst[1], timeFirst[2], timeFirst[3], timeFirst[4]);
    period = timeFirst[5];
    source = timeFirst[0];
    scan.claimSpan(timeFirst.index!, timeFirst.index! + timeFirst[0].length);
  } else if (m && (m[1] || /ly$|^(weekdays?|weekends?)$|days$|nights$|s$/.test(m[2]) || m[3] || m[6])) {
    period = m[2];
    clock = toClock(m[3], m[4], m[5], m[6]);
    source = m[0];
    scan.claimSpan(m.index!, m.index! + m[0].length);
  }
  if (!period) {
    // A bare time with a schedule word elsewhere ("a cron job at 3:15").
    const bare = scan.first(new RegExp(String.raw`\b(?:at|@)\s+${TIME}`), false);
    if (bare && (bare[3] || bare[2] || bare[4]) && /cron|schedul|run/.test(scan.lower)) {
      clock = toClock(bare[1], bare[2], bare[3], bare[4]);
      if (clock) {
        scan.claimSpan(bare.index!, bare.index! + bare[0].length);
        return { expression: `cron(${clock.minute} ${clock.hour} * * ? *)`, source: bare[0] };
      }
    }
    return undefined;
  }
  scan.first(/\b(utc|gmt|zulu)\b/);
  const p = period.replace(/s$/, '').replace(/ly$/, '');
  let assumed: string | undefined;
  if (!clock) {
    // "nightly backup job at 1:30am": the time may stand apart from the period.
    const t = scan.first(new RegExp(String.raw`\b(?:at|@)\s+${TIME}`), false);
    if (t && (t[2] || t[3] || t[4])) {
      clock = toClock(t[1], t[2], t[3], t[4]);
      if (clock) scan.claimSpan(t.index!, t.index! + t[0].length);
    }
  }
  if (!clock) {
    const defaults: Record<string, number> = { night: 2, nightly: 2, morning: 8, evening: 18 };
    const hour = defaults[p] ?? defaults[period] ?? 0;
    clock = { hour, minute: 0 };
    assumed = `${String(hour).padStart(2, '0')}:00 UTC`;
  }
  const { hour, minute } = clock;
  let expression: string;
  if (p === 'week') expression = `cron(${minute} ${hour} ? * SUN *)`;
  else if (p === 'month') expression = `cron(${minute} ${hour} 1 * ? *)`;
  else if (p === 'weekday') expression = `cron(${minute} ${hour} ? * MON-FRI *)`;
  else if (p === 'weekend') expression = `cron(${minute} ${hour} ? * SAT,SUN *)`;
  else if (DAYS[p]) expression = `cron(${minute} ${hour} ? * ${DAYS[p]} *)`;
  else expression = `cron(${minute} ${hour} * * ? *)`;
  return { expression, source, assumed };
}

/** A duration in days ("90 days", "one year", "6 months", "2 weeks"). */
export function durationDays(n: number, unit: string): number {
  const u = unit.replace(/s$/, '');
  if (u.startsWith('year')) return Math.round(n * 365);
  if (u.startsWith('month')) return Math.round(n * 30);
  if (u.startsWith('week')) return Math.round(n * 7);
  if (u.startsWith('hour')) return Math.max(1, Math.round(n / 24));
  return Math.round(n);
}

/** A duration in minutes ("10 minutes", "1 hour", "30 seconds" → 1). */
export function durationMinutes(n: number, unit: string): number {
  if (unit.startsWith('h')) return n * 60;
  if (unit.startsWith('s')) return Math.max(1, Math.round(n / 60));
  return n;
}

export const DURATION = String.raw`${NUM}\s*(days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|seconds?|secs?|d|h|m)\b`;
