import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type {
	WalmartOrder,
	WalmartOrderListResponse,
	WalmartReturnListResponse,
	WalmartReturnOrder,
} from '../WalmartMarketplace/helpers/interfaces';
import { simplifyOrder, simplifyReturn } from '../WalmartMarketplace/helpers/simplify';
import {
	orderListPage,
	returnListPage,
	walmartApiRequestAllItems,
} from '../WalmartMarketplace/transport';

/**
 * Walmart can list an order a little after its orderDate, so each poll looks back this far past
 * the previous one and drops what it already emitted.
 */
const OVERLAP_MS = 10 * 60 * 1000;

interface PollState extends IDataObject {
	lastPollAt?: number;
	emittedIds?: Array<[id: string, at: number]>;
}

function isoSeconds(epochMs: number): string {
	return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class WalmartMarketplaceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Walmart Marketplace Trigger',
		name: 'walmartMarketplaceTrigger',
		icon: { light: 'file:walmart.svg', dark: 'file:walmart.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ({ newOrder: "New Order", newReleasedOrder: "New Released Order", newReturn: "New Return" })[$rawParameter.event || "newOrder"] || $rawParameter.event }}',
		description: 'Starts a workflow when Walmart Marketplace has new orders or returns',
		defaults: { name: 'Walmart Marketplace Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'walmartMarketplaceApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'newOrder',
				options: [
					{
						name: 'New Order',
						value: 'newOrder',
						description: 'An order was created (any line status)',
					},
					{
						name: 'New Released Order',
						value: 'newReleasedOrder',
						description: 'An order is ready to fulfil (lines in Created status)',
					},
					{
						name: 'New Return',
						value: 'newReturn',
						description: 'A customer started a return',
					},
				],
			},
			{
				displayName: 'Ship Node Type',
				name: 'shipNodeType',
				type: 'options',
				default: 'SellerFulfilled',
				displayOptions: { show: { event: ['newOrder', 'newReleasedOrder'] } },
				options: [
					{ name: 'Seller Fulfilled', value: 'SellerFulfilled' },
					{ name: 'Walmart Fulfilled (WFS)', value: 'WFSFulfilled' },
					{ name: '3PL Fulfilled', value: '3PLFulfilled' },
				],
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a simplified version of the response instead of the raw data',
			},
		],
		hints: [
			{
				message:
					'One item is emitted per new order or return; a poll after a quiet spell can emit many.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'beforeExecution',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const state = this.getWorkflowStaticData('node') as PollState;
		const now = Date.now();
		const manual = this.getMode() === 'manual';
		// The first poll only sets the starting point; "Fetch Test Event" shows the latest one.
		const since = manual ? now - 7 * 24 * 3600 * 1000 : (state.lastPollAt ?? now) - OVERLAP_MS;
		const emitted = new Map(state.emittedIds ?? []);

		let found: Array<{ id: string; at: number; json: IDataObject }>;
		if (event === 'newReturn') {
			const returns = await walmartApiRequestAllItems<
				WalmartReturnListResponse,
				WalmartReturnOrder
			>(this, {
				path: '/v3/returns',
				qs: { returnCreationStartDate: isoSeconds(since), returnCreationEndDate: isoSeconds(now) },
				max: manual ? 1 : undefined,
				extract: returnListPage,
			});
			found = returns.map((entry) => ({
				id: entry.returnOrderId,
				at: Date.parse(entry.returnOrderDate ?? '') || now,
				json: simplify ? simplifyReturn(entry) : (entry as unknown as IDataObject),
			}));
		} else {
			const orders = await walmartApiRequestAllItems<WalmartOrderListResponse, WalmartOrder>(this, {
				path: event === 'newReleasedOrder' ? '/v3/orders/released' : '/v3/orders',
				qs: {
					createdStartDate: isoSeconds(since),
					createdEndDate: isoSeconds(now),
					shipNodeType: this.getNodeParameter('shipNodeType', 'SellerFulfilled') as string,
				},
				max: manual ? 1 : undefined,
				extract: orderListPage,
			});
			found = orders.map((order) => ({
				id: order.purchaseOrderId,
				at: order.orderDate,
				json: simplify ? simplifyOrder(order) : (order as unknown as IDataObject),
			}));
		}

		if (manual)
			return found.length ? [this.helpers.returnJsonArray(found.map((entry) => entry.json))] : null;

		const firstPoll = state.lastPollAt === undefined;
		const fresh = firstPoll ? [] : found.filter((entry) => !emitted.has(entry.id));
		for (const entry of found) emitted.set(entry.id, entry.at);
		state.lastPollAt = now;
		state.emittedIds = [...emitted.entries()].filter(([, at]) => at >= now - 2 * OVERLAP_MS);
		if (fresh.length === 0) return null;
		return [this.helpers.returnJsonArray(fresh.map((entry) => entry.json))];
	}
}
