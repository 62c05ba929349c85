// Personal-data actions of the add-on (consent withdrawal lives in main.ts; minimal mode here).
export {};
