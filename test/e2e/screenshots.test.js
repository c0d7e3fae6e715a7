// @ts-check
'use strict';

/**
 * scripts/screenshots.js, the one script that regenerates the README pictures, run end to end:
 * its own emulator and n8n (port 5692), Debian's Chromium through playwright-core, five PNGs.
 * The pictures go to .tmp/ so that a test run never rewrites docs/images/; the script itself
 * refuses to take a picture when the editor does not show what the picture is about.
 */

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawn } = require('child_process');
const { ROOT, SETUP_TIMEOUT_MS } = require('./support');

const OUT_DIR = path.join(ROOT, '.tmp', 'e2e', 'screenshots');
const PICTURES = [
	'operations.png',
	'cancel-lines-reason.png',
	'refund-lines.png',
	'ship-lines-carrier.png',
	'executed-workflow.png',
];

/**
 * Width, height and how varied the pixels are, read straight from the PNG.
 * @param {Buffer} png
 */
function inspectPng(png) {
	const signature = png.subarray(0, 8).toString('hex');
	let offset = 8;
	let width = 0;
	let height = 0;
	/** @type {Buffer[]} */
	const data = [];
	while (offset < png.length) {
		const length = png.readUInt32BE(offset);
		const type = png.subarray(offset + 4, offset + 8).toString('ascii');
		const body = png.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') {
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
		}
		if (type === 'IDAT') data.push(body);
		offset += length + 12;
	}
	const raw = zlib.inflateSync(Buffer.concat(data));
	const distinctBytes = new Set(raw).size;
	return { signature, width, height, distinctBytes };
}

/** @type {{ code: number | null, output: string }} */
let result;

beforeAll(async () => {
	fs.rmSync(OUT_DIR, { recursive: true, force: true });
	result = await new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[path.join(ROOT, 'scripts', 'screenshots.js'), '--out', OUT_DIR, '--port', '5692'],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('exit', (code) => resolve({ code, output }));
	});
}, SETUP_TIMEOUT_MS);

test('the screenshot script finishes without error', () => {
	if (result.code !== 0) throw new Error(`screenshots.js failed:\n${result.output.slice(-4000)}`);
	expect(result.code).toBe(0);
});

test.each(PICTURES)('%s is a full-size, non-blank picture of the editor', (name) => {
	const file = path.join(OUT_DIR, name);
	expect(fs.existsSync(file)).toBe(true);
	const png = fs.readFileSync(file);
	// A blank or error page compresses to a few kilobytes; the editor with a node panel or a
	// form does not.
	expect(png.length).toBeGreaterThan(30_000);
	const info = inspectPng(png);
	expect(info.signature).toBe('89504e470d0a1a0a');
	expect(info).toEqual(expect.objectContaining({ width: 1440, height: 900 }));
	expect(info.distinctBytes).toBeGreaterThan(100);
});
