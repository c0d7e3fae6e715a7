import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyOutput } from '../../descriptions/common.description';
import type { WalmartOrder } from '../../helpers/interfaces';
import { purchaseOrderIdParameter, readPurchaseOrderId } from '../../helpers/orderIds';
import { simplifyOrder } from '../../helpers/simplify';
import type { WriteBatch, WritePlan } from '../../helpers/writeRunner';
import { readWriteSettings, runWrite } from '../../helpers/writeRunner';
import {
	executeOnceNotice,
	readOptions,
	readSimplify,
	writeLockKey,
	writeSafetyOptions,
} from '../../helpers/writeOptions';
import { acknowledgeOrderRequest, getOrder } from '../../transport/api';
import { acknowledgedUnits, planAcknowledge } from './acknowledge.plan';

const properties: INodeProperties[] = [
	executeOnceNotice,
	purchaseOrderIdParameter,
	simplifyOutput,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: writeSafetyOptions('order'),
	},
];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['order'],
		operation: ['acknowledge'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

function plan(purchaseOrderId: string, order: WalmartOrder): WritePlan<WalmartOrder> {
	const { toAcknowledge, skipped } = planAcknowledge(order);
	if (toAcknowledge.length === 0) return { batches: [], skipped };
	const batch: WriteBatch<WalmartOrder> = {
		lines: toAcknowledge,
		request: acknowledgeOrderRequest(purchaseOrderId),
		isApplied: (before, now) => {
			const was = acknowledgedUnits(before);
			const is = acknowledgedUnits(now);
			return toAcknowledge.every(
				(line) =>
					(is.get(line.lineNumber) ?? 0) - (was.get(line.lineNumber) ?? 0) >= (line.quantity ?? 0),
			);
		},
	};
	return { batches: [batch], skipped };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/acknowledge-orders
	const purchaseOrderId = readPurchaseOrderId(this, i);
	const options = readOptions(this, i);
	const simplify = readSimplify(this, i);
	const settings = readWriteSettings(this, options);
	const { key } = await writeLockKey(this, i, `order:${purchaseOrderId}`);

	return await runWrite<WalmartOrder>(
		this,
		i,
		key,
		{
			subject: { purchaseOrderId },
			done: 'acknowledged',
			stateKey: 'order',
			label: `purchase order ${purchaseOrderId}`,
			whereToCheck: `purchase order ${purchaseOrderId} in Seller Center (Order Management)`,
			read: async () => await getOrder(this, purchaseOrderId, i),
			plan: (order) => plan(purchaseOrderId, order),
			// Acknowledging twice changes nothing on Walmart's side, so there is no excess to find.
			excess: () => [],
			render: (order) => (simplify ? simplifyOrder(order) : (order as unknown as IDataObject)),
		},
		settings,
	);
}
