/**
 * Zoom and pan of the drawing: a translate-and-scale transform on the layer that holds the graph.
 * Dragging pans, the wheel scrolls, Ctrl/Cmd + wheel (and a trackpad pinch) zooms around the
 * pointer; the keyboard and the toolbar zoom, fit and reset.
 */
import type { Point, Rect } from './layout';

export interface View {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 4;
/** The first view of a large graph is never smaller than this: readable, from the top. */
const FIRST_VIEW_MIN_SCALE = 0.5;
const MARGIN = 24;

export class Viewport {
  private view: View = { x: 0, y: 0, scale: 1 };
  private animation = 0;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly layer: SVGGElement,
    private readonly onChange: (view: View) => void,
  ) {
    this.listen();
  }

  get current(): View {
    return { ...this.view };
  }

  set(view: View): void {
    cancelAnimationFrame(this.animation);
    this.view = { x: view.x, y: view.y, scale: clamp(view.scale, MIN_SCALE, MAX_SCALE) };
    this.layer.setAttribute('transform', `translate(${this.view.x} ${this.view.y}) scale(${this.view.scale})`);
    this.onChange(this.current);
  }

  private get size(): { width: number; height: number } {
    const box = this.svg.getBoundingClientRect();
    return { width: Math.max(1, box.width), height: Math.max(1, box.height) };
  }

  /** Where a point of the drawing is on the screen (relative to the SVG element). */
  toScreen(point: Point): Point {
    return { x: point.x * this.view.scale + this.view.x, y: point.y * this.view.scale + this.view.y };
  }

  zoomBy(factor: number, around?: Point): void {
    const center = around ?? { x: this.size.width / 2, y: this.size.height / 2 };
    const scale = clamp(this.view.scale * factor, MIN_SCALE, MAX_SCALE);
    const ratio = scale / this.view.scale;
    this.set({ x: center.x - (center.x - this.view.x) * ratio, y: center.y - (center.y - this.view.y) * ratio, scale });
  }

  /** The whole of `bounds` in view, at most at 100 %. */
  fit(bounds: Rect): void {
    const { width, height } = this.size;
    const scale = clamp(Math.min((width - 2 * MARGIN) / bounds.width, (height - 2 * MARGIN) / bounds.height, 1), MIN_SCALE, MAX_SCALE);
    this.set({
      x: (width - bounds.width * scale) / 2 - bounds.x * scale,
      y: (height - bounds.height * scale) / 2 - bounds.y * scale,
      scale,
    });
  }

  /**
   * A graph shown for the first time: fitted when it can be read that way, else at half size or
   * more with `start` (the start marker) at the top middle.
   */
  firstView(bounds: Rect, start: Rect | undefined): void {
    const { width, height } = this.size;
    const fitScale = Math.min((width - 2 * MARGIN) / bounds.width, (height - 2 * MARGIN) / bounds.height, 1);
    if (fitScale >= FIRST_VIEW_MIN_SCALE || !start) {
      this.fit(bounds);
      return;
    }
    const scale = Math.max(FIRST_VIEW_MIN_SCALE, Math.min(1, (width - 2 * MARGIN) / bounds.width));
    this.set({ x: width / 2 - (start.x + start.width / 2) * scale, y: MARGIN - start.y * scale, scale });
  }

  /** Whether `rect` is wholly on screen. */
  shows(rect: Rect): boolean {
    const { width, height } = this.size;
    const topLeft = this.toScreen(rect);
    const bottomRight = this.toScreen({ x: rect.x + rect.width, y: rect.y + rect.height });
    return topLeft.x >= 0 && topLeft.y >= 0 && bottomRight.x <= width && bottomRight.y <= height;
  }

  /** Brings `rect` to the middle of the view, gliding there unless told otherwise. */
  reveal(rect: Rect, glide = true): void {
    const { width, height } = this.size;
    const target = {
      x: width / 2 - (rect.x + rect.width / 2) * this.view.scale,
      y: height / 2 - (rect.y + rect.height / 2) * this.view.scale,
      scale: this.view.scale,
    };
    if (!glide) {
      this.set(target);
      return;
    }
    const from = this.current;
    const started = performance.now();
    const step = (now: number) => {
      const progress = Math.min(1, (now - started) / 200);
      const eased = 1 - (1 - progress) ** 3;
      this.set({ x: from.x + (target.x - from.x) * eased, y: from.y + (target.y - from.y) * eased, scale: from.scale });
      if (progress < 1) this.animation = requestAnimationFrame(step);
    };
    cancelAnimationFrame(this.animation);
    this.animation = requestAnimationFrame(step);
  }

  private listen(): void {
    this.svg.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        if (event.ctrlKey || event.metaKey) {
          const box = this.svg.getBoundingClientRect();
          this.zoomBy(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002)), { x: event.clientX - box.left, y: event.clientY - box.top });
        } else {
          const unit = event.deltaMode === 1 ? 16 : 1;
          this.set({ ...this.view, x: this.view.x - event.deltaX * unit, y: this.view.y - event.deltaY * unit });
        }
      },
      { passive: false },
    );

    let drag: { pointer: number; start: Point; view: View } | undefined;
    this.svg.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      drag = { pointer: event.pointerId, start: { x: event.clientX, y: event.clientY }, view: this.current };
    });
    this.svg.addEventListener('pointermove', (event) => {
      if (!drag || event.pointerId !== drag.pointer) return;
      const dx = event.clientX - drag.start.x;
      const dy = event.clientY - drag.start.y;
      if (!this.svg.classList.contains('panning')) {
        // A small move is still a click on a node.
        if (Math.hypot(dx, dy) < 4) return;
        this.svg.classList.add('panning');
        this.svg.setPointerCapture(event.pointerId);
      }
      this.set({ ...drag.view, x: drag.view.x + dx, y: drag.view.y + dy });
    });
    const end = (event: PointerEvent) => {
      if (!drag || event.pointerId !== drag.pointer) return;
      drag = undefined;
      // The click that ends a pan must not select the node under the pointer: cleared after it.
      setTimeout(() => this.svg.classList.remove('panning'));
    };
    this.svg.addEventListener('pointerup', end);
    this.svg.addEventListener('pointercancel', end);
  }

  /** Whether the pointer gesture now ending was a pan, not a click. */
  get panning(): boolean {
    return this.svg.classList.contains('panning');
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
