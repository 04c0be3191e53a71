"""Views of the certification app, one module per part of the work."""
