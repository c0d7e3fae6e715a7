const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// n8n's date picker gives wall-clock time without a zone, meant in the workflow's time zone.
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/;
const WITH_ZONE =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
const EPOCH_TEXT = /^\d{10}$|^\d{13}$/;
// Epoch seconds from 2001-09-09 and epoch milliseconds up to the year 5138: anything else is
// far more likely a typo (1, 2026, 20261101) than a date.
const EPOCH_SECONDS = { min: 1e9, max: 1e11 };
const EPOCH_MS = { min: 1e11, max: 1e14 };

function isCalendarDate(year: string, month: string, day: string): boolean {
	const y = Number(year);
	const m = Number(month);
	const d = Number(day);
	if (m < 1 || m > 12 || d < 1) return false;
	return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function isClockTime(hour: string, minute: string, second = '0'): boolean {
	return Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;
}

export class InvalidDateError extends Error {}

interface DateTimeLike {
	toJSDate: () => Date;
}

function isDateTimeLike(value: unknown): value is DateTimeLike {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toJSDate?: unknown }).toJSDate === 'function'
	);
}

/** Milliseconds to add to a UTC instant to read it as wall-clock time in `timeZone`. */
function zoneOffsetMs(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
	const asUtc = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	return asUtc - Math.floor(instant / 1000) * 1000;
}

function wallClockToInstant(match: RegExpExecArray, timeZone: string): number {
	const [, year, month, day, hour, minute, second] = match;
	const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +(second ?? 0));
	const guess = wall - zoneOffsetMs(wall, timeZone);
	// A second pass settles instants that sit next to a daylight-saving change.
	return wall - zoneOffsetMs(guess, timeZone);
}

function formatInstant(instant: number): string {
	return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Turns whatever a user or an expression hands in (ISO text, a date, n8n's picker value, a Luxon
 * DateTime, epoch numbers) into a form Walmart accepts: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm:ssZ`
 * in UTC. Walmart rejects milliseconds, so they are never sent.
 */
export function toWalmartDate(value: unknown, timeZone = 'UTC'): string {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new InvalidDateError('an invalid Date');
		return formatInstant(value.getTime());
	}
	if (isDateTimeLike(value)) return toWalmartDate(value.toJSDate(), timeZone);
	if (typeof value === 'number') {
		if (Number.isInteger(value) && value >= EPOCH_MS.min && value < EPOCH_MS.max) {
			return formatInstant(value);
		}
		if (Number.isFinite(value) && value >= EPOCH_SECONDS.min && value < EPOCH_SECONDS.max) {
			return formatInstant(Math.floor(value * 1000));
		}
		throw new InvalidDateError(String(value));
	}
	if (typeof value !== 'string') throw new InvalidDateError(JSON.stringify(value));
	const text = value.trim();
	const dateOnly = DATE_ONLY.exec(text);
	if (dateOnly) {
		if (!isCalendarDate(dateOnly[1], dateOnly[2], dateOnly[3])) throw new InvalidDateError(text);
		return text;
	}
	if (EPOCH_TEXT.test(text)) return toWalmartDate(Number(text), timeZone);
	const wallClock = WALL_CLOCK.exec(text);
	if (wallClock) {
		const [, year, month, day, hour, minute, second] = wallClock;
		if (!isCalendarDate(year, month, day) || !isClockTime(hour, minute, second)) {
			throw new InvalidDateError(text);
		}
		return formatInstant(wallClockToInstant(wallClock, timeZone));
	}
	const zoned = WITH_ZONE.exec(text);
	if (zoned) {
		const [, year, month, day, hour, minute, second] = zoned;
		const parsed = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
		if (
			!isCalendarDate(year, month, day) ||
			!isClockTime(hour, minute, second) ||
			Number.isNaN(parsed)
		) {
			throw new InvalidDateError(text);
		}
		return formatInstant(parsed);
	}
	throw new InvalidDateError(`"${text}"`);
}

/**
 * The instant a date-like value names, in epoch milliseconds, from the same forms as
 * `toWalmartDate`. A date without a time is midnight in `timeZone`, as the date picker means it.
 */
export function toEpochMs(value: unknown, timeZone = 'UTC'): number {
	const text = toWalmartDate(value, timeZone);
	const dateOnly = DATE_ONLY.exec(text);
	if (!dateOnly) return Date.parse(text);
	const wall = Date.UTC(+dateOnly[1], +dateOnly[2] - 1, +dateOnly[3]);
	return wall - zoneOffsetMs(wall - zoneOffsetMs(wall, timeZone), timeZone);
}

/** Walmart order dates are epoch milliseconds; n8n users read ISO text. */
export function epochToIso(value: number | string | undefined | null): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const numeric = typeof value === 'number' ? value : Number(value);
	if (Number.isFinite(numeric)) return new Date(numeric).toISOString();
	const parsed = Date.parse(String(value));
	return Number.isNaN(parsed) ? String(value) : new Date(parsed).toISOString();
}
