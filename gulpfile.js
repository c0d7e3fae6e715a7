const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyIconsOf(folder) {
	const copy = () =>
		src(path.resolve(folder, '**', '*.{png,svg}'), { encoding: false }).pipe(
			dest(path.resolve('dist', folder)),
		);
	copy.displayName = `icons:${folder}`;
	return copy;
}

task('build:icons', parallel(copyIconsOf('nodes'), copyIconsOf('credentials')));
