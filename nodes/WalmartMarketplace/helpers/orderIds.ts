import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseDigitsId } from './parse';

export const purchaseOrderIdParameter: INodeProperties = {
	displayName: 'Purchase Order ID',
	name: 'purchaseOrderId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1796277083022',
	description:
		'Walmart’s purchase order ID (PO), not the customer order ID. Get Many returns it as purchaseOrderId.',
};

/** Walmart IDs are digits; catching typos here saves a round trip and a vague 404. */
export function readPurchaseOrderId(context: IExecuteFunctions, itemIndex: number): string {
	return parseDigitsId(
		context.getNodeParameter('purchaseOrderId', itemIndex, '') as unknown,
		'Purchase Order ID',
		{ min: 6, max: 20 },
		'1796277083022',
	);
}
