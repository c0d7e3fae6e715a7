import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { parsePositiveWholeNumber } from '../helpers/parse';
import type { RequestBudget } from './budget';
import { budgetFor } from './budget';
import type { WalmartFailure } from './errors';
import { WalmartApiError } from './errors';
import type { Page, PagedRequest, WalmartContext } from './index';
import { CREDENTIAL_TYPE, followCursor, MAX_PAGE_SIZE, readListPage } from './index';

/** Walmart's 2026 docs: more than 10,000 orders in one query is answered with an error. */
export const ORDER_CAP = 10_000;
/** Windows read at once unless the user chooses otherwise; see the README for why 4. */
export const DEFAULT_CONCURRENCY = 6;
export const MAX_CONCURRENCY = 16;

const SECOND_MS = 1000;
// Each worker should have a few windows to pick from, so one busy stretch of dates does not
// leave the others idle; more would only add partial last pages.
const WINDOWS_PER_WORKER = 3;
const MAX_SPLIT = 16;
// Splitting a result of a few pages saves at most a round trip or two and costs calls.
const MIN_WINDOW = 5 * MAX_PAGE_SIZE;

export interface WindowedRequest<TResponse, TItem> extends PagedRequest<TResponse, TItem> {
	/** The inclusive date filters Walmart windows on, e.g. createdStartDate / createdEndDate. */
	startParam: string;
	endParam: string;
	/** The range to use when Walmart says nothing about it (its cursor names the dates it used). */
	fallbackRange?: () => { start: number; end: number } | undefined;
	dateOf: (item: TItem) => number | undefined;
	idOf: (item: TItem) => string | undefined;
	/** Workers reading windows at once; 1 reads one cursor exactly as before. */
	concurrency: number;
	/** Most results Walmart lists for one query. */
	cap: number;
}

export interface WindowedResult<TItem> {
	items: TItem[];
	/** Windows whose pages were read (a split window counts once, for its first page). */
	windows: number;
	/** Results Walmart listed in two windows; dropped, but counted so they are never hidden. */
	duplicates: number;
}

interface DateWindow<TItem> {
	/** Whole seconds, epoch ms: `start` inclusive, `end` exclusive. */
	start: number;
	end: number;
	items: TItem[];
	/** Narrower windows covering what this window's own items do not, newest first. */
	children: Array<DateWindow<TItem>>;
}

/** The Concurrency option: a whole number from 1 to 16, the default when empty. */
export function readConcurrency(value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_CONCURRENCY;
	const concurrency = parsePositiveWholeNumber(
		value,
		'"Concurrency"',
		`Enter a whole number from 1 to ${MAX_CONCURRENCY}; 1 reads one page after another.`,
	);
	if (concurrency > MAX_CONCURRENCY) {
		throw new Error(
			`"Concurrency" must be at most ${MAX_CONCURRENCY}: Walmart's per-seller limits leave nothing to gain beyond that`,
		);
	}
	return concurrency;
}

/** `YYYY-MM-DDTHH:mm:ssZ`: Walmart refuses milliseconds in dates a client sends. */
export function walmartSeconds(epochMs: number): string {
	return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Whether Walmart refused a query for matching more results than it lists. Walmart's exact
 * answer is unpublished, so this accepts a 400 whose description speaks of the cap.
 */
export function isResultCapError(failure: WalmartFailure): boolean {
	if (failure.status !== 400) return false;
	return failure.details.some((detail) =>
		/\b(10,?000|20,?000)\b|at most [\d,]+ orders|more than [\d,]+ orders|maximum of [\d,]+/i.test(
			`${detail.code} ${detail.description ?? ''}`,
		),
	);
}

function parsedDate(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const parsed = Date.parse(value.trim().replace(/ (\d{2}:?\d{2})$/, '+$1'));
	return Number.isNaN(parsed) ? undefined : parsed;
}

function rangeOf(
	source: URLSearchParams | IDataObject,
	startParam: string,
	endParam: string,
): { start: number; end: number } | undefined {
	const get = (name: string) =>
		source instanceof URLSearchParams ? (source.get(name) ?? undefined) : source[name];
	const start = parsedDate(get(startParam));
	const end = parsedDate(get(endParam));
	if (start === undefined || end === undefined) return undefined;
	// Both bounds are inclusive at Walmart: round inward to whole seconds, then end exclusive.
	return {
		start: Math.ceil(start / SECOND_MS) * SECOND_MS,
		end: Math.floor(end / SECOND_MS) * SECOND_MS + SECOND_MS,
	};
}

/** Equal spans of whole seconds, newest first. */
function splitRange(start: number, end: number, parts: number): Array<[number, number]> {
	const seconds = (end - start) / SECOND_MS;
	const count = Math.max(1, Math.min(parts, seconds));
	const spans: Array<[number, number]> = [];
	for (let index = count; index > 0; index--) {
		const from = start + Math.floor(((index - 1) * seconds) / count) * SECOND_MS;
		const to = start + Math.floor((index * seconds) / count) * SECOND_MS;
		if (to > from) spans.push([from, to]);
	}
	return spans;
}

/**
 * The start of the second after a page's oldest item: everything from there to the window's end
 * is in this page, because Walmart lists newest first. Undefined when the page is not sorted
 * that way or lacks dates, so the caller reads the cursor instead of guessing.
 */
function completeFrom<TItem>(
	items: TItem[],
	dateOf: (item: TItem) => number | undefined,
): number | undefined {
	let previous = Number.POSITIVE_INFINITY;
	for (const item of items) {
		const date = dateOf(item);
		if (date === undefined || !Number.isFinite(date) || date > previous) return undefined;
		previous = date;
	}
	if (!Number.isFinite(previous)) return undefined;
	return Math.floor(previous / SECOND_MS) * SECOND_MS + SECOND_MS;
}

/**
 * Return All over a date range in windows read concurrently. Each window stays below Walmart's
 * cap and is read through its own cursor with every check of a single read; windows meet at
 * whole seconds that belong to exactly one of them. The result is newest first, as Walmart
 * lists it. With concurrency 1 and a range under the cap it is one cursor, call for call.
 */
export async function walmartApiRequestWindowed<TResponse, TItem>(
	context: WalmartContext,
	request: WindowedRequest<TResponse, TItem>,
): Promise<WindowedResult<TItem>> {
	const concurrency = Math.max(1, Math.min(MAX_CONCURRENCY, Math.floor(request.concurrency)));
	const credential = context.getNode().credentials?.[CREDENTIAL_TYPE];
	const budget = budgetFor(credential?.id ?? credential?.name ?? 'default', request.path);
	const baseQs: IDataObject = { ...request.qs };
	delete baseQs[request.startParam];
	delete baseQs[request.endParam];
	let windows = 0;
	// Windows above this many results are split further so that every worker has work.
	let target = request.cap;

	const firstPageOf = async (window: DateWindow<TItem>) =>
		await readListPage(context, request, {
			path: request.path,
			qs: {
				...baseQs,
				[request.startParam]: walmartSeconds(window.start),
				// Walmart's end bound is inclusive: the window's last whole second.
				[request.endParam]: walmartSeconds(window.end - SECOND_MS),
				limit: MAX_PAGE_SIZE,
			},
			pageIndex: 0,
			budget,
		});

	const tasks: Array<() => Promise<void>> = [];

	const halve = (window: DateWindow<TItem>) => {
		if (window.end - window.start < 2 * SECOND_MS) {
			throw new WalmartApiError(
				context.getNode(),
				{ status: 400, details: [], headers: {} },
				{
					message: `Walmart holds more than ${request.cap} results created within one second (GET ${request.path})`,
					description:
						'The date range cannot be split any further. Add a filter such as Line Status or Ship Node Type.',
					itemIndex: request.itemIndex,
				},
			);
		}
		schedule(window, splitRange(window.start, window.end, 2));
	};

	const schedule = (window: DateWindow<TItem>, spans: Array<[number, number]>) => {
		for (const [start, end] of spans) {
			const child: DateWindow<TItem> = { start, end, items: [], children: [] };
			window.children.push(child);
			tasks.push(async () => await readWindow(child));
		}
	};

	/** Uses a window's first page: keeps it, then splits what it does not cover or follows it. */
	const expand = async (window: DateWindow<TItem>, first: Page<TItem>) => {
		windows++;
		const total = first.totalCount;
		const wantsSplit =
			first.nextCursor &&
			total !== undefined &&
			(total > request.cap || (concurrency > 1 && total > target));
		const from = wantsSplit ? completeFrom(first.items, request.dateOf) : undefined;
		if (wantsSplit && from !== undefined && from > window.start && from <= window.end) {
			const kept = first.items.filter((item) => (request.dateOf(item) ?? 0) >= from);
			window.items = kept;
			const remaining = (total ?? 0) - kept.length;
			const parts = Math.ceil(remaining / Math.min(target, request.cap / 2));
			schedule(window, splitRange(window.start, from, Math.max(2, Math.min(MAX_SPLIT, parts))));
			return;
		}
		if (total !== undefined && total > request.cap) {
			halve(window);
			return;
		}
		window.items = await followCursor(context, { ...request, max: undefined }, first, budget);
	};

	const readWindow = async (window: DateWindow<TItem>) => {
		let first: Page<TItem> | undefined;
		try {
			first = await firstPageOf(window);
		} catch (error) {
			if (error instanceof WalmartApiError && isResultCapError(error.walmartFailure)) {
				windows++;
				halve(window);
				return;
			}
			// Hands back the same WalmartApiError: it already names the call and the fix.
			throw new NodeApiError(context.getNode(), error as JsonObject);
		}
		if (first === undefined) return;
		await expand(window, first);
	};

	// The first page of the query as given: Walmart's cursor tells the dates it really used (its
	// defaults, its 180-day horizon), and small results end here.
	let root: DateWindow<TItem> | undefined;
	let rootTotal: number | undefined;
	try {
		const first = await readListPage(context, request, {
			path: request.path,
			qs: { ...request.qs, limit: MAX_PAGE_SIZE },
			pageIndex: 0,
			budget,
		});
		if (first === undefined) return { items: [], windows: 1, duplicates: 0 };
		rootTotal = first.totalCount;
		const cursorRange = first.nextCursor
			? rangeOf(
					new URLSearchParams(first.nextCursor.replace(/^\?/, '')),
					request.startParam,
					request.endParam,
				)
			: undefined;
		const range =
			cursorRange ??
			rangeOf(request.qs, request.startParam, request.endParam) ??
			request.fallbackRange?.();
		const underCap = rootTotal === undefined || rootTotal <= request.cap;
		if (!first.nextCursor || range === undefined || (concurrency === 1 && underCap)) {
			const items = await followCursor(context, { ...request, max: undefined }, first, budget);
			return { items, windows: 1, duplicates: 0 };
		}
		target = Math.max(
			MIN_WINDOW,
			Math.ceil((rootTotal ?? request.cap) / (concurrency * WINDOWS_PER_WORKER)),
		);
		root = { ...range, items: [], children: [] };
		await expand(root, first);
	} catch (error) {
		const capped = error instanceof WalmartApiError && isResultCapError(error.walmartFailure);
		const range = capped
			? (rangeOf(request.qs, request.startParam, request.endParam) ?? request.fallbackRange?.())
			: undefined;
		if (range === undefined) throw new NodeApiError(context.getNode(), error as JsonObject);
		target = Math.max(MIN_WINDOW, Math.floor(request.cap / WINDOWS_PER_WORKER));
		root = { ...range, items: [], children: [] };
		windows++;
		halve(root);
	}

	await runPool(tasks, concurrency);

	const items: TItem[] = [];
	const seen = new Set<string>();
	let duplicates = 0;
	const collect = (window: DateWindow<TItem>) => {
		for (const item of window.items) {
			const id = request.idOf(item);
			if (id !== undefined) {
				if (seen.has(id)) {
					duplicates++;
					continue;
				}
				seen.add(id);
			}
			items.push(item);
		}
		// Free each window's page as soon as it is copied, so results are held once.
		window.items = [];
		for (const child of window.children) collect(child);
	};
	collect(root);
	if (rootTotal !== undefined && items.length < rootTotal) {
		throw new WalmartApiError(
			context.getNode(),
			{ status: 200, details: [], headers: {} },
			{
				message: `Walmart listed ${items.length} of the ${rootTotal} results it announced (GET ${request.path})`,
				description:
					'The date windows together came back short, so nothing was returned rather than a short list. Run the node again; if it persists, set Concurrency to 1.',
				itemIndex: request.itemIndex,
			},
		);
	}
	return { items, windows, duplicates };
}

/**
 * Runs tasks with at most `concurrency` at once; tasks may add more while running. The first
 * failure stops new work and is thrown.
 */
async function runPool(tasks: Array<() => Promise<void>>, concurrency: number): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		let active = 0;
		let failed = false;
		const pump = () => {
			if (failed) return;
			while (active < concurrency && tasks.length > 0) {
				const task = tasks.shift() as () => Promise<void>;
				active++;
				task().then(
					() => {
						active--;
						pump();
					},
					(error: unknown) => {
						failed = true;
						reject(error);
					},
				);
			}
			if (active === 0 && tasks.length === 0) resolve();
		};
		pump();
	});
}

export type { RequestBudget };
