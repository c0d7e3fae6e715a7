/**
 * The polling trigger's memory between polls, kept in the workflow's static data, and the rules
 * that make every event come out exactly once:
 *
 * - Each poll reads one window of Walmart's list, `[start, end]`, by creation or last-modified
 *   date. The window reaches back `lookBack` before the previous window's end, so an order that
 *   Walmart lists late (dated earlier than it appears) is still inside a later window.
 * - Everything listed in a window is remembered with that window's end. An entry is forgotten
 *   only once no later window can list it again (its window's end is before the next start),
 *   so the overlap never emits anything twice.
 * - The caller changes the state only after the whole window was read and checked; any error
 *   leaves it as it was, and the next poll reads the same window again.
 *
 * All bounds are whole seconds, because Walmart takes dates to the second: a start rounded down
 * by Walmart must never reach below what was already forgotten.
 */
import type { IDataObject } from 'n8n-workflow';

export const STATE_VERSION = 1;

/** [created (epoch ms), end of the last window that listed it, mark] */
export type KnownEntry<TMark> = [created: number, listed: number, mark: TMark];

export interface PollState<TMark = unknown> {
	v: number;
	/** The event and the filters that shape Walmart's query; another key starts afresh. */
	key: string;
	/** End of the last window read in full. */
	end: number;
	/** The next window starts no earlier: nothing listed only before this is remembered. */
	floor: number;
	/** New-item events: ID → end of the last window that listed it. */
	seen: Record<string, number>;
	/** Status-change events: ID → what the trigger last saw of it. */
	known: Record<string, KnownEntry<TMark>>;
	/**
	 * Status-change events: an order or return created at or after this that the trigger does
	 * not know was never listed before, so its previous state is its initial one.
	 */
	baseline: number;
}

export interface PollWindow {
	start: number;
	end: number;
	/** The window stops short of now: the rest of a backlog waits for the next poll. */
	partial: boolean;
}

export function wholeSecond(epochMs: number): number {
	return Math.floor(epochMs / 1000) * 1000;
}

function isNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The 0.1 trigger kept `lastPollAt` and the IDs it emitted in the 20 minutes before it, and
 * looked back 10 minutes: carrying that over keeps an upgrade from losing or repeating items.
 */
function fromLegacy(raw: IDataObject, key: string): PollState | undefined {
	const lastPollAt = raw.lastPollAt;
	if (!isNumber(lastPollAt) || !Array.isArray(raw.emittedIds)) return undefined;
	const end = wholeSecond(lastPollAt);
	const seen: Record<string, number> = {};
	for (const entry of raw.emittedIds) {
		if (Array.isArray(entry) && typeof entry[0] === 'string') seen[entry[0]] = end;
	}
	return { v: STATE_VERSION, key, end, floor: end - 10 * 60 * 1000, seen, known: {}, baseline: 0 };
}

/**
 * The state for this key, or undefined when there is none (first activation, other filters, or
 * something unreadable): the caller then starts afresh without emitting history.
 */
export function readState<TMark>(
	raw: IDataObject,
	key: string,
	legacyAllowed: boolean,
): PollState<TMark> | undefined {
	if (raw.v === undefined) {
		return legacyAllowed ? (fromLegacy(raw, key) as PollState<TMark> | undefined) : undefined;
	}
	if (raw.v !== STATE_VERSION || raw.key !== key) return undefined;
	if (!isNumber(raw.end) || !isNumber(raw.floor) || !isNumber(raw.baseline)) return undefined;
	if (!isRecord(raw.seen) || !isRecord(raw.known)) return undefined;
	// Entries are checked one by one: a damaged one is forgotten, not allowed to break a poll.
	const seen: Record<string, number> = {};
	for (const [id, listed] of Object.entries(raw.seen)) if (isNumber(listed)) seen[id] = listed;
	const known: Record<string, KnownEntry<TMark>> = {};
	for (const [id, entry] of Object.entries(raw.known)) {
		if (Array.isArray(entry) && isNumber(entry[0]) && isNumber(entry[1]) && isRecord(entry[2])) {
			known[id] = [entry[0], entry[1], entry[2] as TMark];
		}
	}
	return {
		v: STATE_VERSION,
		key,
		end: raw.end,
		floor: raw.floor,
		seen,
		known,
		baseline: raw.baseline,
	};
}

/** Replaces the static data's content in place: n8n saves that very object. */
export function writeState(target: IDataObject, state: PollState): void {
	for (const name of Object.keys(target)) delete target[name];
	Object.assign(target, state);
}

/**
 * The next window: from the look-back (never below what was forgotten) to now, or, after a long
 * gap, to at most `catchUpMs` past the previous end.
 */
export function nextWindow(
	state: Pick<PollState, 'end' | 'floor'>,
	now: number,
	lookBackMs: number,
	catchUpMs: number,
): PollWindow {
	const current = wholeSecond(now);
	const start = Math.max(state.floor, state.end - lookBackMs);
	const capped = state.end + catchUpMs;
	const end = Math.max(state.end, Math.min(current, capped));
	return { start, end, partial: end < current };
}

/** Where the window after this one may start at the earliest. */
export function nextFloor(state: Pick<PollState, 'floor'>, window: PollWindow, lookBackMs: number) {
	return Math.max(state.floor, window.end - lookBackMs);
}

/** Drops the IDs no later window can list again. */
export function pruneSeen(seen: Record<string, number>, floor: number): Record<string, number> {
	const kept: Record<string, number> = {};
	for (const [id, listed] of Object.entries(seen)) if (listed >= floor) kept[id] = listed;
	return kept;
}

/**
 * Keeps the memory of status-change events bounded: entries no later window can list again are
 * dropped when their order or return is older than `createdSince` (Walmart no longer lists it),
 * then oldest first while there are more than `limit`. Entries a later window may still list are
 * never dropped, so a drop can never repeat an event; it only means that a later change of that
 * order is reported with an unknown previous state. The baseline moves past everything dropped.
 */
export function evictKnown<TMark>(
	known: Record<string, KnownEntry<TMark>>,
	baseline: number,
	options: { floor: number; limit: number; createdSince?: number },
): { known: Record<string, KnownEntry<TMark>>; baseline: number; dropped: number } {
	const kept = { ...known };
	let newBaseline = baseline;
	let dropped = 0;
	const drop = (id: string) => {
		newBaseline = Math.max(newBaseline, kept[id][0] + 1);
		delete kept[id];
		dropped++;
	};
	const evictable = Object.keys(kept)
		.filter((id) => kept[id][1] < options.floor)
		.sort((a, b) => kept[a][0] - kept[b][0] || (a < b ? -1 : 1));
	let size = Object.keys(kept).length;
	for (const id of evictable) {
		const tooOld = options.createdSince !== undefined && kept[id][0] < options.createdSince;
		if (!tooOld && size <= options.limit) break;
		drop(id);
		size--;
	}
	return { known: kept, baseline: newBaseline, dropped };
}
