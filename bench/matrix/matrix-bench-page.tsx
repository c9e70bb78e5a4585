import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { ReadinessMatrix } from '../../renderer/src/components/ReadinessMatrix';
import { useAppStore } from '../../renderer/src/store/app-store';
import '../../renderer/src/global.css';
import type { SavedRun } from '../../shared/runs/run-records';
import type { MatrixBenchGlobal, MatrixBenchRequest, MatrixShape, MatrixTimings } from './matrix-bench-api';

// The page bench/matrix.bench.ts times in Chromium: the real ReadinessMatrix and store, built for production.

function rootElement(): HTMLElement {
  const element = document.getElementById('root');
  if (element === null) throw new Error('index.html has no #root element');
  return element;
}
const host = rootElement();

/** Reading a layout property forces the pending style recalculation and layout. */
function forceLayout() {
  return document.body.offsetHeight;
}

/** Resolves in the task after the next animation frame, i.e. once the frame has been painted. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Before a timed step: collect the garbage of the steps before (Chromium runs with --expose-gc), let a frame pass. */
function settle() {
  (globalThis as { gc?: () => void }).gc?.();
  return nextFrame();
}

function view(run: SavedRun) {
  return (
    <FluentProvider theme={webLightTheme}>
      <ReadinessMatrix run={run} />
    </FluentProvider>
  );
}

function expectShape(container: HTMLElement, expected: MatrixShape, step: string) {
  const rows = container.querySelectorAll('tbody tr').length;
  // The second header row names each check, after "Server" and "Failing".
  const columns = container.querySelectorAll('thead tr:nth-child(2) th').length - 2;
  const cells = container.querySelectorAll('tbody td').length;
  if (rows !== expected.rows || columns !== expected.columns || cells !== rows * (columns + 1)) {
    throw new Error(
      `${step}: expected ${expected.rows} rows × ${expected.columns} checks, ` +
        `the table has ${rows} rows × ${columns} checks and ${cells} cells`,
    );
  }
}

function resetFilters() {
  const store = useAppStore.getState();
  flushSync(() => {
    store.setStatusFilter([]);
    store.setAreaFilter([]);
    store.setMatrixSort('server');
  });
}

/** Milliseconds for a store update to be rendered, committed and laid out. */
function timed(update: () => void): number {
  const started = performance.now();
  flushSync(update);
  forceLayout();
  return performance.now() - started;
}

async function measure(request: MatrixBenchRequest): Promise<MatrixTimings> {
  const timings: MatrixTimings = {
    render: [],
    renderToFrame: [],
    statusFilter: [],
    clearFilter: [],
    areaFilter: [],
  };
  const mount = () => {
    const container = document.createElement('div');
    host.append(container);
    const root = createRoot(container);
    flushSync(() => root.render(view(request.run)));
    forceLayout();
    return { container, root };
  };

  // A fresh mount each time, as opening a run does.
  for (let repetition = 0; repetition < request.repetitions; repetition += 1) {
    resetFilters();
    await settle();
    const started = performance.now();
    const { container, root } = mount();
    timings.render.push(performance.now() - started);
    await nextFrame();
    timings.renderToFrame.push(performance.now() - started);
    expectShape(container, request.all, 'mount');
    root.unmount();
    container.remove();
  }

  resetFilters();
  const { container, root } = mount();
  const store = useAppStore.getState();
  try {
    for (let repetition = 0; repetition < request.repetitions; repetition += 1) {
      await settle();
      timings.statusFilter.push(timed(() => store.setStatusFilter(['fail'])));
      expectShape(container, request.failing, 'status filter');
      await settle();
      timings.clearFilter.push(timed(() => store.setStatusFilter([])));
      expectShape(container, request.all, 'clear status filter');
      await settle();
      timings.areaFilter.push(timed(() => store.setAreaFilter([request.area.name])));
      expectShape(container, request.area, 'area filter');
      timed(() => store.setAreaFilter([]));
      expectShape(container, request.all, 'clear area filter');
    }
  } finally {
    root.unmount();
    container.remove();
  }
  return timings;
}

const exposed: MatrixBenchGlobal = { __matrixBench: { measure } };
Object.assign(window, exposed);
