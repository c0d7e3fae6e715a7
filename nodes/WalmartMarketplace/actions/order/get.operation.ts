import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderReadOptions, simplifyOutput } from '../../descriptions/common.description';
import { purchaseOrderIdParameter, readPurchaseOrderId } from '../../helpers/orderIds';
import { shapeOrders } from '../../helpers/simplify';
import { parseBoolean } from '../../helpers/parse';
import { orderReadQuery } from '../../helpers/utils';
import { getOrder } from '../../transport/api';

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
	const options = (this.getNodeParameter('options', i, {}) as IDataObject) ?? {};
	const simplify = parseBoolean(
		this.getNodeParameter('simplify', i, true) as unknown,
		'Simplify',
		true,
	);
	const { qs, output } = orderReadQuery(options);
	const order = await getOrder(this, purchaseOrderId, i, qs);
	return shapeOrders([order], simplify, output);
}
