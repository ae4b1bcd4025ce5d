"""Dates and numbers of the languages without an interface catalogue (Khmer, Tày,
Hmong), one package per language: written the Vietnamese way, as their interface
is (``portal.interface``). Django would use its own Khmer formats otherwise."""
