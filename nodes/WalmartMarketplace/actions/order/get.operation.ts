import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderReadOptions, simplifyOutput } from '../../descriptions/common.description';
import type { WalmartOrderResponse } from '../../helpers/interfaces';
import { purchaseOrderIdParameter, readPurchaseOrderId } from '../../helpers/orderIds';
import { shapeOrders } from '../../helpers/simplify';
import { walmartApiRequest } from '../../transport';

const properties: INodeProperties[] = [purchaseOrderIdParameter, simplifyOutput, orderReadOptions];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['order'],
		operation: ['get'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/reference/getanorder
	const purchaseOrderId = readPurchaseOrderId(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const qs: IDataObject = {};
	if (options.productInfo === true) qs.productInfo = 'true';
	if (options.replacementInfo === true) qs.replacementInfo = 'true';
	const response = await walmartApiRequest<WalmartOrderResponse>(this, {
		method: 'GET',
		path: `/v3/orders/${encodeURIComponent(purchaseOrderId)}`,
		qs,
		itemIndex: i,
		idempotent: true,
	});
	return shapeOrders([response.order], simplify, String(options.output ?? 'order'));
}
