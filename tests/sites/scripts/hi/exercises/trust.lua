-- A worksheet in the site's language, for check_pdf: its title, prompts and
-- labels in that script (ids stay ASCII).
return exercise {
  title = "विश्वास कार्यपत्रक",
  intro = "अपने उत्तर शांति से लिखें। कोई गलत उत्तर नहीं है।",
  audience = "one",
  fields = {
    short_text { id = "safe", label = "आपको सुरक्षित महसूस करने में क्या मदद करता है?", help = "एक या दो वाक्य लिखें।" },
    checklist { id = "matters", label = "आपके लिए क्या महत्वपूर्ण है", items = {
        { id = "item1", label = "सुनना" },
        { id = "item2", label = "ईमानदारी" },
        { id = "item3", label = "धैर्य" },
      } },
    scale { id = "trust", label = "आज आप कितना भरोसा करते हैं?", low = "थोड़ा",
      high = "बहुत" },
    table { id = "agree", label = "हमारे समझौते", row_header = "क्षेत्र",
      columns = { { id = "need", label = "मुझे क्या चाहिए" },
        { id = "offer", label = "मैं क्या दे सकता हूँ" } },
      rows = {
        { id = "row1", label = "बातचीत" },
        { id = "row2", label = "पैसा" },
      },
      print = { lines = 2 } },
  },
}
