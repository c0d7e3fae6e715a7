import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollState, PollWindow } from '../WalmartMarketplace/helpers/pollState';
import {
	evictKnown,
	nextFloor,
	nextWindow,
	pruneSeen,
	readState,
	STATE_VERSION,
	wholeSecond,
	writeState,
} from '../WalmartMarketplace/helpers/pollState';
import { toItems } from '../WalmartMarketplace/helpers/utils';
import {
	DEFAULT_CATCH_UP_HOURS,
	DEFAULT_CREATED_WITHIN_DAYS,
	DEFAULT_LOOK_BACK_MINUTES,
	ORDER_EVENTS,
} from './description';
import type { ChangeSource, NewItemSource, SourceFilters } from './sources';
import { newOrderSource, newReturnSource, orderChangeSource, returnChangeSource } from './sources';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Fetch Test Event looks this far back, like Walmart's own default window. */
const TEST_EVENT_WINDOW_MS = 7 * DAY_MS;
/** Enough orders to find the latest change among them for a test event. */
const TEST_EVENT_CANDIDATES = 200;
/**
 * Status-change events remember the marks of at most this many orders or returns, newest
 * first, plus whatever a later window may still list (never dropped). At 100 to 200 bytes each
 * this keeps the workflow's static data, which n8n saves whole, under about 400 KB.
 */
export const KNOWN_LIMIT = 2000;

interface Settings {
	event: string;
	filters: SourceFilters;
	key: string;
	simplify: boolean;
	lookBackMs: number;
	catchUpMs: number;
	/** Change types that start the workflow; empty for all. */
	watch: string[];
}

function wholeOption(
	context: IPollFunctions,
	value: unknown,
	name: string,
	range: { fallback: number; min: number; max: number },
): number {
	const number = value === undefined || value === '' ? range.fallback : Number(value);
	if (!Number.isInteger(number) || number < range.min || number > range.max) {
		throw new NodeOperationError(
			context.getNode(),
			`"${name}" must be a whole number from ${range.min} to ${range.max}`,
			{ description: `It is ${JSON.stringify(value)}.` },
		);
	}
	return number;
}

function readSettings(context: IPollFunctions): Settings {
	const event = context.getNodeParameter('event', 'newOrder') as string;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const isOrderEvent = ORDER_EVENTS.includes(event);
	const shipNodeType = isOrderEvent
		? (context.getNodeParameter('shipNodeType', 'SellerFulfilled') as string)
		: '';
	const sku = isOrderEvent ? String(context.getNodeParameter('sku', '') ?? '').trim() : '';
	const returnType = isOrderEvent ? '' : (context.getNodeParameter('returnType', '') as string);
	const createdWithinDays =
		event === 'orderStatusChanged'
			? wholeOption(context, options.createdWithinDays, 'Orders Created Within (Days)', {
					fallback: DEFAULT_CREATED_WITHIN_DAYS,
					min: 1,
					max: 180,
				})
			: DEFAULT_CREATED_WITHIN_DAYS;
	let watch: string[] = [];
	if (event === 'orderStatusChanged') {
		watch = context.getNodeParameter('orderChanges', []) as string[];
	} else if (event === 'returnStatusChanged') {
		watch = context.getNodeParameter('returnChanges', []) as string[];
	}
	return {
		event,
		filters: { shipNodeType, sku, returnType, createdWithinMs: createdWithinDays * DAY_MS },
		// What shapes Walmart's answer: with another key, the memory is about other items.
		key: JSON.stringify([event, shipNodeType, sku, returnType]),
		simplify: context.getNodeParameter('simplify', true) as boolean,
		lookBackMs:
			wholeOption(context, options.lookBackMinutes, 'Look-Back (Minutes)', {
				fallback: DEFAULT_LOOK_BACK_MINUTES,
				min: 10,
				max: 10080,
			}) * MINUTE_MS,
		catchUpMs:
			wholeOption(context, options.catchUpHours, 'Catch-Up per Poll (Hours)', {
				fallback: DEFAULT_CATCH_UP_HOURS,
				min: 1,
				max: 720,
			}) * HOUR_MS,
		watch: Array.isArray(watch) ? watch : [],
	};
}

interface Listed<TItem> {
	item: TItem;
	id: string;
	created: number;
}

/**
 * Each listed item with its ID and date, once. An item without them is not Walmart's list as
 * documented: the whole read is refused, so the window stays where it was.
 */
function checkListing<TItem>(
	context: IPollFunctions,
	source: NewItemSource<TItem> | ChangeSource<TItem, unknown>,
	items: TItem[],
): Array<Listed<TItem>> {
	const listed = new Map<string, Listed<TItem>>();
	for (const item of items) {
		const id = source.id(item);
		const created = source.created(item);
		if (typeof id !== 'string' || id.trim() === '' || !Number.isFinite(created)) {
			throw new NodeOperationError(
				context.getNode(),
				`Walmart listed a ${source.noun} without its ID or date`,
				{
					description:
						'Nothing was emitted and the poll window did not move; the next poll reads the same window again.',
				},
			);
		}
		// Walmart pages by offset: an order added while paging shifts the next page by one.
		listed.set(id, { item, id, created });
	}
	return [...listed.values()].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
}

/** IDs are Walmart's digits, but the memory is a plain object: never read its prototype. */
function has(record: object, id: string): boolean {
	return Object.prototype.hasOwnProperty.call(record, id);
}

function firstWindow(now: number, lookBackMs: number): PollWindow {
	const end = wholeSecond(now);
	return { start: end - lookBackMs, end, partial: false };
}

async function pollNewItems<TItem>(
	context: IPollFunctions,
	settings: Settings,
	source: NewItemSource<TItem>,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	const staticData = context.getWorkflowStaticData('node');
	const state = readState(staticData, settings.key, true);
	const window = state
		? nextWindow(state, now, settings.lookBackMs, settings.catchUpMs)
		: firstWindow(now, settings.lookBackMs);
	const listed = checkListing(context, source, await source.read(context, { ...window, now }));

	const seen = { ...(state?.seen ?? {}) };
	const fresh: IDataObject[] = [];
	for (const { item, id } of listed) {
		// The first poll only remembers: what Walmart lists at activation is history.
		if (state && !has(seen, id)) fresh.push(source.view(item, settings.simplify));
		seen[id] = window.end;
	}
	const floor = state ? nextFloor(state, window, settings.lookBackMs) : window.start;
	const next: PollState = {
		v: STATE_VERSION,
		key: settings.key,
		end: window.end,
		floor,
		seen: pruneSeen(seen, floor),
		known: {},
		baseline: 0,
	};
	writeState(staticData, next);
	return fresh.length ? [toItems(fresh)] : null;
}

function changeItem(
	view: IDataObject,
	ids: IDataObject,
	changes: { changes: IDataObject[]; types: string[] },
	previousStateKnown: boolean,
): IDataObject {
	return {
		...ids,
		changeTypes: changes.types,
		previousStateKnown,
		changes: changes.changes,
		...view,
	};
}

function idFields(noun: string, id: string): IDataObject {
	return noun === 'order' ? { purchaseOrderId: id } : { returnOrderId: id };
}

async function pollChanges<TItem, TMark>(
	context: IPollFunctions,
	settings: Settings,
	source: ChangeSource<TItem, TMark>,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	const staticData = context.getWorkflowStaticData('node');
	const state = readState<TMark>(staticData, settings.key, false);
	const window = state
		? nextWindow(state, now, settings.lookBackMs, settings.catchUpMs)
		: firstWindow(now, settings.lookBackMs);
	const listed = checkListing(context, source, await source.read(context, { ...window, now }));

	const known = { ...(state?.known ?? {}) };
	// Anything created since the first window began and still unknown was never listed before.
	const baseline = state ? state.baseline : window.start;
	const emitted: IDataObject[] = [];
	for (const { item, id, created } of listed) {
		const after = source.mark(item);
		let before: TMark | undefined;
		if (has(known, id)) before = known[id][2];
		else if (created >= baseline) before = source.initial(item);
		known[id] = [created, window.end, after];
		// The first poll only remembers how things stand.
		if (!state) continue;
		const changes = source.changes(item, before, after);
		if (changes.changes.length === 0) continue;
		if (settings.watch.length && !changes.types.some((type) => settings.watch.includes(type))) {
			continue;
		}
		const view = source.view(item, settings.simplify);
		emitted.push(changeItem(view, idFields(source.noun, id), changes, before !== undefined));
	}
	const floor = state ? nextFloor(state, window, settings.lookBackMs) : window.start;
	const bounded = evictKnown(known, baseline, {
		floor,
		limit: KNOWN_LIMIT,
		createdSince: source.createdSince?.(now),
	});
	writeState(staticData, {
		v: STATE_VERSION,
		key: settings.key,
		end: window.end,
		floor,
		seen: {},
		known: bounded.known,
		baseline: bounded.baseline,
	});
	return emitted.length ? [toItems(emitted)] : null;
}

/**
 * Fetch Test Event: the latest matching item of the last 7 days. Static data is read, never
 * written, so the window does not move.
 */
function testListing(now: number) {
	const end = wholeSecond(now);
	return { start: end - TEST_EVENT_WINDOW_MS, end, now };
}

async function testNewItem<TItem>(
	context: IPollFunctions,
	settings: Settings,
	source: NewItemSource<TItem>,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	const [latest] = await source.read(context, { ...testListing(now), max: 1 });
	return latest === undefined ? null : [toItems([source.view(latest, settings.simplify)])];
}

/** The most recently changed item, compared with what the trigger remembers of it. */
async function testChange<TItem, TMark>(
	context: IPollFunctions,
	settings: Settings,
	source: ChangeSource<TItem, TMark>,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	const state = readState<TMark>(context.getWorkflowStaticData('node'), settings.key, false);
	const items = await source.read(context, { ...testListing(now), max: TEST_EVENT_CANDIDATES });
	const candidates = checkListing(context, source, items).sort(
		(a, b) => source.changedAt(b.item) - source.changedAt(a.item),
	);
	for (const { item, id, created } of candidates) {
		const after = source.mark(item);
		let before: TMark | undefined;
		if (state && has(state.known, id)) before = state.known[id][2];
		else if (state && created >= state.baseline) before = source.initial(item);
		const changes = source.changes(item, before, after);
		if (changes.changes.length === 0) continue;
		if (settings.watch.length && !changes.types.some((type) => settings.watch.includes(type))) {
			continue;
		}
		const view = source.view(item, settings.simplify);
		return [toItems([changeItem(view, idFields(source.noun, id), changes, before !== undefined)])];
	}
	return null;
}

async function runNew<TItem>(
	context: IPollFunctions,
	settings: Settings,
	source: NewItemSource<TItem>,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	if (context.getMode() === 'manual') return await testNewItem(context, settings, source, now);
	return await pollNewItems(context, settings, source, now);
}

async function runChanges<TItem, TMark>(
	context: IPollFunctions,
	settings: Settings,
	source: ChangeSource<TItem, TMark>,
	now: number,
): Promise<INodeExecutionData[][] | null> {
	if (context.getMode() === 'manual') return await testChange(context, settings, source, now);
	return await pollChanges(context, settings, source, now);
}

/**
 * One poll. Static data is written only at the very end, after the whole window was read and
 * checked: any error (credentials, throttling past its retries, 5xx, a malformed answer) leaves
 * it untouched and reaches n8n, and the next poll reads the same window again.
 */
export async function pollWalmart(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(context);
	const now = Date.now();
	const { filters } = settings;
	switch (settings.event) {
		case 'newOrder':
		case 'newReleasedOrder':
			return await runNew(
				context,
				settings,
				newOrderSource(filters, settings.event === 'newReleasedOrder'),
				now,
			);
		case 'orderStatusChanged':
			return await runChanges(context, settings, orderChangeSource(filters), now);
		case 'newReturn':
			return await runNew(context, settings, newReturnSource(filters), now);
		case 'returnStatusChanged':
			return await runChanges(context, settings, returnChangeSource(filters), now);
		default:
			throw new NodeOperationError(context.getNode(), `Unknown event "${settings.event}"`);
	}
}
