// The browser tests each start a Host and a Chromium; side by side on a small CI machine they starve each other
// and a click can land before a page has settled. They run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
