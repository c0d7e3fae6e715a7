import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError } from '../helpers/parse';
import { WriteReportError } from '../helpers/writeRunner';
import type { WalmartMarketplaceType } from './node.type';
import * as order from './order/Order.resource';
import * as walmartReturn from './return/Return.resource';

type OperationModule = {
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
};

const resources: Record<string, Record<string, OperationModule>> = {
	order: {
		acknowledge: order.acknowledge,
		cancelLines: order.cancelLines,
		get: order.get,
		getAll: order.getAll,
		refundLines: order.refundLines,
		shipLines: order.shipLines,
		updateTracking: order.updateTracking,
	},
	return: { getAll: walmartReturn.getAll, refund: walmartReturn.refund },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const resource = this.getNodeParameter('resource', 0) as WalmartMarketplaceType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const operationModule = resources[resource]?.[operation];
	if (!operationModule) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for resource "${resource}"`,
		);
	}

	for (let i = 0; i < items.length; i++) {
		try {
			const output = await operationModule.execute.call(this, i);
			returnData.push(
				...this.helpers.constructExecutionMetaData(output, { itemData: { item: i } }),
			);
		} catch (caught) {
			const error =
				caught instanceof InputError
					? new NodeOperationError(this.getNode(), caught.message, {
							itemIndex: i,
							description: caught.fix,
						})
					: caught;
			if (this.continueOnFail()) {
				// n8n sends an item to the error output when its json holds only error, message and
				// details; everything else the user needs (the per-line report) goes in details.
				const report = error instanceof WriteReportError ? error.report : undefined;
				const details: IDataObject = {
					description: error.description ?? undefined,
					walmartErrors: error.context?.walmartErrors ?? undefined,
					summary: report?.summary,
					lines: report?.lines as unknown as IDataObject[] | undefined,
					excess: report?.excess,
				};
				returnData.push({
					json: { error: error.message, details: JSON.parse(JSON.stringify(details)) },
					pairedItem: { item: i },
				});
				continue;
			}
			// Both constructors hand back an error that is already theirs, keeping its message.
			if (error instanceof WriteReportError) {
				error.context.itemIndex ??= i;
				throw error;
			}
			if (error instanceof NodeOperationError) {
				error.context.itemIndex ??= i;
				throw new NodeOperationError(this.getNode(), error, { itemIndex: i });
			}
			if (error instanceof NodeApiError) error.context.itemIndex ??= i;
			throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
		}
	}
	return [returnData];
}
