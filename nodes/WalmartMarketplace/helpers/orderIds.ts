import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
	const raw = context.getNodeParameter('purchaseOrderId', itemIndex, '') as unknown;
	const value = String(raw ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(context.getNode(), '"Purchase Order ID" is empty', {
			itemIndex,
			description:
				'Enter the purchase order ID, or map it from an earlier node, e.g. {{ $json.purchaseOrderId }}.',
		});
	}
	if (!/^\d{6,20}$/.test(value)) {
		throw new NodeOperationError(
			context.getNode(),
			`"Purchase Order ID" must be digits only, but it is ${JSON.stringify(raw)}`,
			{
				itemIndex,
				description:
					'Walmart purchase order IDs are numbers such as 1796277083022. Check the mapped value is the purchaseOrderId, not a customer order ID with letters or an order name.',
			},
		);
	}
	return value;
}
