// @ts-check
/**
 * Runs one Walmart Marketplace node in this (separate) Node process, as another n8n worker
 * would, and prints the result as JSON. Used by the race suite to write from two processes.
 * Argument: JSON `{ emulator: { baseUrl, clientId, clientSecret }, parameters }`.
 */
const { createEngine } = require('./engine');

async function main() {
	const { emulator, parameters } = JSON.parse(process.argv[2] ?? '{}');
	const engine = await createEngine(emulator);
	const result = await engine.runNode(parameters, { continueOnFail: true });
	process.stdout.write(`${JSON.stringify({ items: result.items.map((item) => item.json) })}\n`);
}

main().catch((error) => {
	process.stderr.write(String(error?.stack ?? error));
	process.exit(1);
});
