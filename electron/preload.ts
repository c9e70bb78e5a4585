import { contextBridge, ipcRenderer } from 'electron';
import { createExreadyBridge } from '../shared/ipc/api';
import { createIpcRendererTransport } from './preload/ipc-renderer-transport';

// Exposes named functions only; the renderer never touches ipcRenderer.
contextBridge.exposeInMainWorld('exready', createExreadyBridge(createIpcRendererTransport(ipcRenderer)));
