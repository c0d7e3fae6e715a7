const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// n8n's date picker gives wall-clock time without a zone, meant in the workflow's time zone.
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

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
		if (!Number.isFinite(value)) throw new InvalidDateError(String(value));
		return formatInstant(value > 1e11 ? value : value * 1000);
	}
	if (typeof value !== 'string') throw new InvalidDateError(JSON.stringify(value));
	const text = value.trim();
	if (DATE_ONLY.test(text)) return text;
	if (/^\d{10,13}$/.test(text)) return toWalmartDate(Number(text), timeZone);
	const wallClock = WALL_CLOCK.exec(text);
	if (wallClock) return formatInstant(wallClockToInstant(wallClock, timeZone));
	const parsed = Date.parse(text);
	if (Number.isNaN(parsed)) throw new InvalidDateError(`"${text}"`);
	return formatInstant(parsed);
}

/** Walmart order dates are epoch milliseconds; n8n users read ISO text. */
export function epochToIso(value: number | string | undefined | null): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const numeric = typeof value === 'number' ? value : Number(value);
	if (Number.isFinite(numeric)) return new Date(numeric).toISOString();
	const parsed = Date.parse(String(value));
	return Number.isNaN(parsed) ? String(value) : new Date(parsed).toISOString();
}
