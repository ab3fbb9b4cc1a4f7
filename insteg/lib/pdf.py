"""What every PDF Insteg makes shares: WeasyPrint never fetches anything from outside."""


def refuse_fetch(url: str, *args, **kwargs):
    """The documents need nothing from outside; refusing every URL keeps WeasyPrint off the network and disk."""
    raise ValueError(f"Insteg's documents do not load external resources ({url}).")
