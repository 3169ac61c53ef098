"""The models, one module per section of the API. Import them from :mod:`liveblocks.models`;
the SDK loads a section's module only when that section is first used."""
