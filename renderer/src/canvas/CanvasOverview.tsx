// The zoomed-out canvas: below OVERVIEW_ZOOM the steps' nodes are hidden and this one canvas
// draws the whole pipeline. The picture of the whole pipeline at the current zoom is kept and
// shown as an element of its own: a pan only moves it with a CSS transform, which the compositor
// does without painting (copying it into a screen-sized canvas every frame was most of a pan's
// frame time in the profile); a zoom or a change of the pipeline draws it again. A picture too
// large to keep is drawn, for what is on screen, into a screen-sized canvas instead. It takes no
// pointer events: clicks reach React Flow's pane, and Canvas selects the step under them.
import { useStore } from '@xyflow/react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { OverviewColors } from './overview-drawing.js';
import { drawOverview, overviewColors } from './overview-drawing.js';
import type { OverviewScene } from './overview-scene.js';
import { boundsOf } from './fit-pipeline.js';
import { stepsOnScreen } from './overview-scene.js';

/** A kept picture larger than this (pixels a side) is not kept: each frame draws what is on screen. */
const MAX_PICTURE = 4096;

interface Picture {
  scene: OverviewScene;
  zoom: number;
  theme: string;
  pixelRatio: number;
  /** Flow coordinates of the picture's top left corner. */
  origin: { x: number; y: number };
  canvas: HTMLCanvasElement;
}

export function CanvasOverview({ scene, theme }: { scene: OverviewScene; theme: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const holder = useRef<HTMLDivElement>(null);
  const picture = useRef<Picture | null>(null);
  const colors = useRef<{ theme: string; colors: OverviewColors } | null>(null);
  // The page switches its theme's CSS variables after this renders (the app's effect runs after
  // the canvas's), so the colours are read again, and the picture redrawn, a frame later.
  const [settled, setSettled] = useState<string | null>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setSettled(theme));
    return () => cancelAnimationFrame(frame);
  }, [theme]);
  const palette = `${theme}:${settled === theme ? 'settled' : 'early'}`;
  const transform = useStore((state) => state.transform);
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);

  useLayoutEffect(() => {
    const element = canvas.current;
    const frame = holder.current;
    const context = element?.getContext('2d');
    if (!element || !frame || !context || width === 0 || height === 0) return;
    // The theme's colours are read once per theme, not on every frame.
    if (colors.current?.theme !== palette) colors.current = { theme: palette, colors: overviewColors(element) };
    const pixelRatio = window.devicePixelRatio || 1;
    const [tx, ty, zoom] = transform;
    const kept = picture.current;
    const current =
      kept && kept.scene === scene && kept.zoom === zoom && kept.theme === palette && kept.pixelRatio === pixelRatio
        ? kept
        : (picture.current = drawPicture(scene, zoom, palette, pixelRatio, colors.current.colors));
    if (current) {
      if (frame.firstChild !== current.canvas) frame.replaceChildren(current.canvas);
      frame.style.transform = `translate(${tx + current.origin.x * zoom}px, ${ty + current.origin.y * zoom}px)`;
      element.hidden = true;
    } else {
      frame.replaceChildren();
      element.hidden = false;
      if (element.width !== Math.round(width * pixelRatio) || element.height !== Math.round(height * pixelRatio)) {
        element.width = Math.round(width * pixelRatio);
        element.height = Math.round(height * pixelRatio);
      }
      drawOverview(context, scene, transform, { width, height, pixelRatio }, colors.current.colors);
    }
    if (root.current) root.current.dataset.drawn = String(stepsOnScreen(scene, transform, width, height));
  }, [scene, transform, width, height, palette]);

  return (
    <div
      ref={root}
      className="canvas-overview"
      data-testid="canvas-overview"
      role="img"
      aria-label={`Overview of ${scene.boxes.length} steps; zoom in to edit them`}
    >
      <div ref={holder} className="canvas-overview-picture" />
      <canvas ref={canvas} className="canvas-overview-screen" />
    </div>
  );
}

/** The whole pipeline drawn at one zoom, or null when that picture would be too large to keep. */
function drawPicture(
  scene: OverviewScene,
  zoom: number,
  theme: string,
  pixelRatio: number,
  colors: OverviewColors,
): Picture | null {
  const bounds = boundsOf(scene.boxes);
  if (bounds === null) return null;
  // A margin for outlines drawn outside the boxes.
  const margin = 8 / zoom;
  const origin = { x: bounds.x - margin, y: bounds.y - margin };
  const width = Math.ceil((bounds.width + 2 * margin) * zoom);
  const height = Math.ceil((bounds.height + 2 * margin) * zoom);
  if (width * pixelRatio > MAX_PICTURE || height * pixelRatio > MAX_PICTURE) return null;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * pixelRatio);
  canvas.height = Math.ceil(height * pixelRatio);
  canvas.style.width = `${canvas.width / pixelRatio}px`;
  canvas.style.height = `${canvas.height / pixelRatio}px`;
  const context = canvas.getContext('2d');
  if (!context) return null;
  drawOverview(context, scene, [-origin.x * zoom, -origin.y * zoom, zoom], { width, height, pixelRatio }, colors);
  return { scene, zoom, theme, pixelRatio, origin, canvas };
}
