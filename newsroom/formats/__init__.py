"""Date formats of the site's languages, where Django's own differ from how the paper prints them
(FORMAT_MODULE_PATH). English uses Django's ("Aug. 9, 2023")."""
