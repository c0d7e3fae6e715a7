import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type {
	WalmartOrder,
	WalmartOrderListResponse,
	WalmartReturnListResponse,
	WalmartReturnOrder,
} from '../WalmartMarketplace/helpers/interfaces';
import { simplifyOrder, simplifyReturn } from '../WalmartMarketplace/helpers/simplify';
import type { Changes, OrderMark, ReturnMark } from '../WalmartMarketplace/helpers/statusChanges';
import {
	initialOrderMark,
	initialReturnMark,
	markOrder,
	markReturn,
	orderChanges,
	returnChanges,
} from '../WalmartMarketplace/helpers/statusChanges';
import {
	orderListPage,
	returnListPage,
	walmartApiRequestAllItems,
} from '../WalmartMarketplace/transport';

/** One read of Walmart's list: the window, and for a test event how many items suffice. */
export interface Listing {
	start: number;
	end: number;
	now: number;
	max?: number;
}

// Method syntax on purpose: it lets a source of orders stand where a source of "orders or
// returns" is expected, which is how the poll code handles both with one generic function.
interface Source<TItem> {
	/** "order" or "return", for messages. */
	noun: string;
	read(context: IPollFunctions, listing: Listing): Promise<TItem[]>;
	id(item: TItem): unknown;
	created(item: TItem): number;
	view(item: TItem, simplify: boolean): IDataObject;
}

/** New orders, released orders or returns: each ID is emitted the first time it is listed. */
export interface NewItemSource<TItem> extends Source<TItem> {
	kind: 'new';
}

/** Status changes: each listing is compared with the mark of the previous one. */
export interface ChangeSource<TItem, TMark> extends Source<TItem> {
	kind: 'change';
	mark(item: TItem): TMark;
	initial(item: TItem): TMark;
	changes(item: TItem, before: TMark | undefined, after: TMark): Changes;
	/** When the item last changed, as far as its own fields tell; picks the test event. */
	changedAt(item: TItem): number;
	/** Walmart lists nothing created before this, so marks of older items can go. */
	createdSince?(now: number): number;
}

export function isoSeconds(epochMs: number): string {
	return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function readOrders(
	context: IPollFunctions,
	path: string,
	qs: IDataObject,
	max: number | undefined,
): Promise<WalmartOrder[]> {
	return await walmartApiRequestAllItems<WalmartOrderListResponse, WalmartOrder>(context, {
		path,
		qs,
		max,
		extract: orderListPage,
	});
}

async function readReturns(
	context: IPollFunctions,
	qs: IDataObject,
	max: number | undefined,
): Promise<WalmartReturnOrder[]> {
	return await walmartApiRequestAllItems<WalmartReturnListResponse, WalmartReturnOrder>(context, {
		path: '/v3/returns',
		qs,
		max,
		extract: returnListPage,
	});
}

function orderView(order: WalmartOrder, simplify: boolean): IDataObject {
	return simplify ? simplifyOrder(order) : (order as unknown as IDataObject);
}

function returnView(returnOrder: WalmartReturnOrder, simplify: boolean): IDataObject {
	return simplify ? simplifyReturn(returnOrder) : (returnOrder as unknown as IDataObject);
}

function returnCreated(returnOrder: WalmartReturnOrder): number {
	return Date.parse(returnOrder.returnOrderDate ?? '');
}

export interface SourceFilters {
	shipNodeType: string;
	sku: string;
	returnType: string;
	createdWithinMs: number;
}

function orderFilters(filters: SourceFilters): IDataObject {
	const qs: IDataObject = { shipNodeType: filters.shipNodeType };
	if (filters.sku !== '') qs.sku = filters.sku;
	return qs;
}

function returnFilters(filters: SourceFilters): IDataObject {
	return filters.returnType === '' ? {} : { returnType: filters.returnType };
}

export function newOrderSource(
	filters: SourceFilters,
	released: boolean,
): NewItemSource<WalmartOrder> {
	const path = released ? '/v3/orders/released' : '/v3/orders';
	return {
		kind: 'new',
		noun: 'order',
		read: async (context, listing) =>
			await readOrders(
				context,
				path,
				{
					createdStartDate: isoSeconds(listing.start),
					createdEndDate: isoSeconds(listing.end),
					...orderFilters(filters),
				},
				listing.max,
			),
		id: (order) => order.purchaseOrderId,
		created: (order) => Number(order.orderDate),
		view: orderView,
	};
}

export function orderChangeSource(filters: SourceFilters): ChangeSource<WalmartOrder, OrderMark> {
	const createdSince = (now: number) => now - filters.createdWithinMs;
	return {
		kind: 'change',
		noun: 'order',
		// Walmart lists only orders created in the last 7 days unless told otherwise, so the
		// last-modified query carries its own creation horizon.
		read: async (context, listing) =>
			await readOrders(
				context,
				'/v3/orders',
				{
					createdStartDate: isoSeconds(createdSince(listing.now)),
					lastModifiedStartDate: isoSeconds(listing.start),
					lastModifiedEndDate: isoSeconds(listing.end),
					...orderFilters(filters),
				},
				listing.max,
			),
		id: (order) => order.purchaseOrderId,
		created: (order) => Number(order.orderDate),
		view: orderView,
		mark: markOrder,
		initial: initialOrderMark,
		changes: orderChanges,
		changedAt: (order) =>
			Math.max(
				Number(order.orderDate) || 0,
				...(order.orderLines?.orderLine ?? []).map((line) => Number(line.statusDate) || 0),
			),
		createdSince,
	};
}

export function newReturnSource(filters: SourceFilters): NewItemSource<WalmartReturnOrder> {
	return {
		kind: 'new',
		noun: 'return',
		read: async (context, listing) =>
			await readReturns(
				context,
				{
					returnCreationStartDate: isoSeconds(listing.start),
					returnCreationEndDate: isoSeconds(listing.end),
					...returnFilters(filters),
				},
				listing.max,
			),
		id: (returnOrder) => returnOrder.returnOrderId,
		created: returnCreated,
		view: returnView,
	};
}

export function returnChangeSource(
	filters: SourceFilters,
): ChangeSource<WalmartReturnOrder, ReturnMark> {
	return {
		kind: 'change',
		noun: 'return',
		read: async (context, listing) =>
			await readReturns(
				context,
				{
					returnLastModifiedStartDate: isoSeconds(listing.start),
					returnLastModifiedEndDate: isoSeconds(listing.end),
					...returnFilters(filters),
				},
				listing.max,
			),
		id: (returnOrder) => returnOrder.returnOrderId,
		created: returnCreated,
		view: returnView,
		mark: markReturn,
		initial: initialReturnMark,
		changes: returnChanges,
		changedAt: (returnOrder) =>
			Math.max(
				returnCreated(returnOrder) || 0,
				...(returnOrder.returnOrderLines ?? []).map(
					(line) => Date.parse(line.statusTime ?? '') || 0,
				),
			),
	};
}
